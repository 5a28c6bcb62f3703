//! AFL++ target: JSON import of arbitrary bytes (see
//! `engine/tests/fuzzing/property.rs` for what is checked).

// Each target uses one of the two checks.
#[allow(dead_code)]
#[path = "../../../tests/fuzzing/property.rs"]
mod property;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        property::check_json(data);
    });
}
