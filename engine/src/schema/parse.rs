//! Reading the file: bytes to text, text to a JSON value.
//!
//! `serde_json::from_str` into a `Value` would accept-but-alter in two ways
//! and explain badly in a third, so the file is read with a visitor of our
//! own that keeps the JSON path of the value being read:
//! - a key given twice in one object keeps only the last copy: reported
//!   here, with its path, so the import refuses the file;
//! - a syntax error names a line and column but not where that is in the
//!   workspace: the path the visitor was reading is reported with it, and
//!   serde_json's wording is replaced by plain words;
//! - invalid UTF-8 is reported with its byte offset, line, column and path,
//!   instead of the browser silently replacing it.

use super::ImportProblem;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// The nesting depth serde_json refuses beyond.
pub(super) const MAX_DEPTH: usize = 128;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// Appends `.key`, or `["key"]` when the key is not a plain word, to `path`.
pub(super) fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        let shown: String = key.chars().take(40).collect();
        let quoted = serde_json::to_string(&shown).unwrap_or_default();
        path.push('[');
        path.push_str(&quoted);
        if shown.len() < key.len() {
            // Mark the cut inside the brackets so the path stays readable.
            path.push_str("...");
        }
        path.push(']');
    }
}

/// `base` followed by `steps`, e.g. `$.workspace.risks[3].title`.
pub(super) fn render(base: &str, steps: &[Step]) -> String {
    let mut path = base.to_owned();
    for step in steps {
        match step {
            Step::Key(key) => push_key(&mut path, key),
            Step::Index(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The text of an exported file given as bytes: a leading UTF-8 byte order
/// mark is dropped; anything that is not UTF-8 is refused with where it is.
pub(super) fn decode(bytes: &[u8]) -> Result<&str, ImportProblem> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ImportProblem::new(
            "$",
            "the file is UTF-16 text, not UTF-8; save it as UTF-8 and import again",
        ));
    }
    let skipped = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let body = &bytes[skipped..];
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text),
        Err(error) => {
            let valid = error.valid_up_to();
            let prefix = std::str::from_utf8(&body[..valid]).unwrap_or_default();
            let (line, column) = line_and_column(prefix);
            let offset = skipped + valid;
            let what = match error.error_len() {
                Some(_) => format!("byte 0x{:02X} at byte {offset}", body[valid]),
                None => format!("an unfinished character at byte {offset}, the end of the file"),
            };
            Err(ImportProblem::new(
                path_at_end_of(prefix),
                format!(
                    "the file is not valid UTF-8 text: {what} (line {line}, column {column}); save it as UTF-8 and import again"
                ),
            ))
        }
    }
}

/// 1-based line and column (in characters) just after `prefix`.
fn line_and_column(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let last_line = prefix.rsplit('\n').next().unwrap_or_default();
    (line, last_line.chars().count() + 1)
}

/// The JSON path being read where `prefix` stops: reading it fails at its
/// end, and the visitor's path then says where that is. `$` when the prefix
/// is a whole document (or says nothing).
fn path_at_end_of(prefix: &str) -> String {
    let mut reader = Reader::default();
    let mut de = serde_json::Deserializer::from_str(prefix);
    match (ValueSeed {
        reader: &mut reader,
    })
    .deserialize(&mut de)
    {
        Ok(_) => "$".to_owned(),
        Err(_) => render("$", &reader.path),
    }
}

/// A parsed file and the keys it repeats.
#[derive(Debug)]
pub(super) struct Parsed {
    pub value: Value,
    /// One problem per key given twice in the same object.
    pub duplicate_keys: Vec<ImportProblem>,
}

/// Parses `text` as JSON, keeping every repeated key as a problem. A syntax
/// error is one problem with its path, line and column, in plain words.
pub(super) fn parse(text: &str) -> Result<Parsed, ImportProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = (ValueSeed {
        reader: &mut reader,
    })
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    match value {
        Ok(value) => Ok(Parsed {
            value,
            duplicate_keys: reader.duplicate_keys,
        }),
        Err(error) => Err(syntax_problem(&error, &reader.path)),
    }
}

fn syntax_problem(error: &serde_json::Error, path: &[Step]) -> ImportProblem {
    let text = error.to_string();
    let raw = text.split(" at line ").next().unwrap_or(&text);
    if raw == "recursion limit exceeded" {
        return ImportProblem::new(
            "$",
            format!(
                "the file nests objects deeper than {MAX_DEPTH} levels (line {}, column {}); it is not an ISMS Workbench export",
                error.line(),
                error.column()
            ),
        );
    }
    ImportProblem::new(
        render("$", path),
        format!(
            "the file is not valid JSON at line {}, column {}: {}",
            error.line(),
            error.column(),
            plain_syntax(raw)
        ),
    )
}

/// serde_json's description of a syntax error in plain words.
fn plain_syntax(raw: &str) -> String {
    let eof = |what: &str| {
        format!(
            "the file ends in the middle of {what}; it may have been cut short, so export it again"
        )
    };
    match raw {
        "EOF while parsing a list" => eof("a list"),
        "EOF while parsing an object" => eof("an object"),
        "EOF while parsing a string" => eof("a text in quotes"),
        "EOF while parsing a value" => eof("a value"),
        "expected `:`" => "a colon ':' should follow the field name".into(),
        "expected `,` or `]`" => "a comma ',' or the closing ']' of the list is missing".into(),
        "expected `,` or `}`" => "a comma ',' or the closing '}' of the object is missing".into(),
        "expected ident" => {
            "a word without quotes; only true, false and null may be written without quotes".into()
        }
        "expected value" => {
            "a value should be here: text in double quotes, a number, true, false, null, a list or an object".into()
        }
        "key must be a string" => "a field name must be text in double quotes".into(),
        "invalid escape" => "a backslash in a text starts an escape that JSON does not know; write \\\\ for a backslash".into(),
        "invalid number" => "a number is not written the JSON way (digits, an optional '.', an optional exponent)".into(),
        "number out of range" => "a number is too large to read".into(),
        "invalid unicode code point"
        | "lone leading surrogate in hex escape"
        | "unexpected end of hex escape" => {
            "a \\u escape in a text does not stand for a character".into()
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a text holds a raw control character such as a line break or tab; write it as \\n or \\t".into()
        }
        "trailing comma" => "a comma stands before a closing bracket; remove that comma".into(),
        "trailing characters" => "something follows the end of the JSON document; remove it".into(),
        other => format!("{other} (as the JSON reader puts it)"),
    }
}

/// What the visitor keeps while it reads.
#[derive(Default)]
struct Reader {
    /// The path of the value being read. A step is removed once its value is
    /// read, so after an error it leads to where reading stopped.
    path: Vec<Step>,
    duplicate_keys: Vec<ImportProblem>,
}

struct ValueSeed<'r> {
    reader: &'r mut Reader,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // JSON text cannot spell a non-finite number, so this is never null.
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            self.reader.path.push(Step::Index(items.len()));
            let item = seq.next_element_seed(ValueSeed {
                reader: &mut *self.reader,
            })?;
            self.reader.path.pop();
            match item {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.reader.path.push(Step::Key(key));
            let value = map.next_value_seed(ValueSeed {
                reader: &mut *self.reader,
            })?;
            let Some(Step::Key(key)) = self.reader.path.pop() else {
                continue;
            };
            if fields.contains_key(&key) {
                let mut path = render("$", &self.reader.path);
                push_key(&mut path, &key);
                self.reader.duplicate_keys.push(ImportProblem::new(
                    path,
                    format!(
                        "the field {key:?} is given twice in the same object; keep one (a JSON reader would silently keep only one of them)"
                    ),
                ));
                continue;
            }
            fields.insert(key, value);
        }
        Ok(Value::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_quote_keys_that_are_not_words() {
        let steps = [
            Step::Key("risks".into()),
            Step::Index(3),
            Step::Key("a b".into()),
        ];
        assert_eq!(render("$", &steps), r#"$.risks[3]["a b"]"#);
    }

    #[test]
    fn repeated_keys_are_found_with_their_path() {
        let parsed = parse(r#"{"a": [1, {"b": 1, "b": 2}], "c": 1}"#).unwrap();
        assert_eq!(parsed.duplicate_keys.len(), 1);
        assert_eq!(parsed.duplicate_keys[0].path, "$.a[1].b");
        assert_eq!(parsed.value["a"][1]["b"], 1);
    }

    #[test]
    fn syntax_errors_name_the_path_being_read() {
        let problem = parse("{\"workspace\": {\"risks\": [{\"title\": \"x\",}]}}").unwrap_err();
        assert_eq!(problem.path, "$.workspace.risks[0]");
        assert!(problem.message.contains("line 1"), "{problem}");
        assert!(problem.message.contains("comma stands before"), "{problem}");
        let cut = parse("{\"workspace\": {\"name\": \"Clinic").unwrap_err();
        assert_eq!(cut.path, "$.workspace.name");
        assert!(cut.message.contains("cut short"), "{cut}");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let bytes = b"{\n  \"name\": \"caf\xE9\"\n}";
        let problem = decode(bytes).unwrap_err();
        assert_eq!(problem.path, "$.name");
        assert_eq!(
            problem.message,
            "the file is not valid UTF-8 text: byte 0xE9 at byte 16 (line 2, column 15); save it as UTF-8 and import again"
        );
        assert_eq!(decode(b"\xEF\xBB\xBF{}").unwrap(), "{}");
        assert!(decode(b"\xFF\xFE{\x00}\x00")
            .unwrap_err()
            .message
            .contains("UTF-16"));
    }
}
