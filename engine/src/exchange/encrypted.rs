//! The passphrase-encrypted export: the ordinary JSON export, encrypted in
//! the browser with WebCrypto, inside a small versioned JSON envelope.
//!
//! ```json
//! {
//!   "format": "isms-workbench-encrypted",
//!   "version": 1,
//!   "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000,
//!            "salt": "<16 bytes, base64>" },
//!   "cipher": { "name": "AES-GCM", "nonce": "<12 bytes, base64>" },
//!   "ciphertext": "<base64>"
//! }
//! ```
//!
//! - The key is 256 bits of PBKDF2-HMAC-SHA-256 over the passphrase (its
//!   UTF-8 bytes) with the salt and the iteration count of the file.
//! - The plaintext is the UTF-8 text of the plain export
//!   ([`crate::export_json_with`]); the ciphertext is AES-256-GCM of it with
//!   the nonce, no additional data, and the 128-bit tag appended (as WebCrypto
//!   returns it).
//! - Base64 is the standard alphabet with `=` padding (RFC 4648 section 4).
//! - Salt and nonce are fresh random bytes for every export.
//!
//! The engine only reads and writes the envelope; the cryptography itself is
//! the browser's (or, for the test fixture, Node's) WebCrypto. A changed
//! salt, nonce, iteration count or ciphertext makes the tag check fail, which
//! cannot be told apart from a wrong passphrase, and is reported as either.
//! Iteration counts outside [`MIN_ITERATIONS`]..=[`MAX_ITERATIONS`] are
//! refused before any work, so a doctored file can neither weaken the key
//! derivation nor hang the tab.

use serde::{Deserialize, Serialize};

/// The `format` field of an encrypted export.
pub const ENCRYPTED_FORMAT: &str = "isms-workbench-encrypted";
/// The envelope version this build reads and writes.
pub const ENCRYPTED_VERSION: u32 = 1;
/// PBKDF2 iterations written into new files (the current OWASP figure for
/// PBKDF2-HMAC-SHA-256).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Fewest iterations a file may ask for.
pub const MIN_ITERATIONS: u32 = 100_000;
/// Most iterations a file may ask for (about ten seconds in a browser).
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Bytes of salt.
pub const SALT_BYTES: usize = 16;
/// Bytes of AES-GCM nonce.
pub const NONCE_BYTES: usize = 12;
/// Bytes of the AES-GCM tag at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// Shortest passphrase accepted for a new file, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The message for a failed tag check: a wrong passphrase and a changed
/// file look the same to AES-GCM.
pub const WRONG_PASSPHRASE: &str = "The passphrase is wrong, or the file was changed after it was \
     encrypted. Nothing was imported.";

/// An encrypted export, decoded from its envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedFile {
    /// PBKDF2 iteration count.
    pub iterations: u32,
    /// PBKDF2 salt ([`SALT_BYTES`]).
    pub salt: Vec<u8>,
    /// AES-GCM nonce ([`NONCE_BYTES`]).
    pub nonce: Vec<u8>,
    /// AES-GCM output: the encrypted export followed by the tag.
    pub ciphertext: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kdf {
    name: String,
    hash: String,
    iterations: u64,
    salt: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cipher {
    name: String,
    nonce: String,
}

#[derive(Serialize, Deserialize)]
struct Outer {
    format: String,
    version: u64,
    kdf: Option<Kdf>,
    cipher: Option<Cipher>,
    ciphertext: Option<String>,
}

/// Whether `bytes` look like an encrypted export: its `format` is near the
/// start (where [`EncryptedFile::to_json`] puts it), so a large plain export
/// is never parsed twice to find out.
pub fn is_encrypted_export(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let needle = format!("\"{ENCRYPTED_FORMAT}\"");
    head.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Why a new passphrase cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseProblem {
    /// Fewer than [`MIN_PASSPHRASE_CHARS`] characters (how many it has).
    TooShort(usize),
    /// The confirmation is not the same.
    Different,
}

impl std::fmt::Display for PassphraseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PassphraseProblem::TooShort(count) => write!(
                f,
                "Use at least {MIN_PASSPHRASE_CHARS} characters (this one has {count}); a few \
                 unrelated words are easy to remember and hard to guess."
            ),
            PassphraseProblem::Different => {
                write!(f, "The two passphrases differ; type the same one twice.")
            }
        }
    }
}

/// Why a new passphrase and its confirmation cannot be used, if they cannot.
pub fn passphrase_problem(passphrase: &str, confirmation: &str) -> Option<PassphraseProblem> {
    let count = passphrase.chars().count();
    if count < MIN_PASSPHRASE_CHARS {
        return Some(PassphraseProblem::TooShort(count));
    }
    (passphrase != confirmation).then_some(PassphraseProblem::Different)
}

impl EncryptedFile {
    /// The envelope as pretty JSON.
    pub fn to_json(&self) -> String {
        let outer = Outer {
            format: ENCRYPTED_FORMAT.to_owned(),
            version: ENCRYPTED_VERSION.into(),
            kdf: Some(Kdf {
                name: "PBKDF2".into(),
                hash: "SHA-256".into(),
                iterations: self.iterations.into(),
                salt: base64_encode(&self.salt),
            }),
            cipher: Some(Cipher {
                name: "AES-GCM".into(),
                nonce: base64_encode(&self.nonce),
            }),
            ciphertext: Some(base64_encode(&self.ciphertext)),
        };
        serde_json::to_string_pretty(&outer).expect("the envelope always serialises")
    }

    /// Reads an envelope, checking everything that can be checked without
    /// the passphrase; the message says what is wrong in plain words.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let damaged = |what: &str| format!("This encrypted file is damaged: {what}.");
        // Text first: `from_str` is the deserializer the app already has,
        // `from_slice` would add a second copy of it to the wasm.
        let text = std::str::from_utf8(bytes).map_err(|_| damaged("it is not UTF-8 text"))?;
        let outer: Outer = serde_json::from_str(text)
            .map_err(|e| damaged(&format!("it is not a readable envelope ({e})")))?;
        if outer.format != ENCRYPTED_FORMAT {
            return Err(damaged(&format!(
                "its format is {:?}, not {ENCRYPTED_FORMAT:?}",
                outer.format
            )));
        }
        if outer.version != u64::from(ENCRYPTED_VERSION) {
            return Err(if outer.version > u64::from(ENCRYPTED_VERSION) {
                format!(
                    "This encrypted file has version {}, made by a newer ISMS Workbench; this one \
                     reads version {ENCRYPTED_VERSION}. Open it with the newer version.",
                    outer.version
                )
            } else {
                damaged(&format!("its version {} is unknown", outer.version))
            });
        }
        let kdf = outer.kdf.ok_or_else(|| damaged("\"kdf\" is missing"))?;
        let cipher = outer
            .cipher
            .ok_or_else(|| damaged("\"cipher\" is missing"))?;
        let sealed = outer
            .ciphertext
            .ok_or_else(|| damaged("\"ciphertext\" is missing"))?;
        if kdf.name != "PBKDF2" || kdf.hash != "SHA-256" {
            return Err(damaged(&format!(
                "key derivation {} with {} is not supported (only PBKDF2 with SHA-256)",
                kdf.name, kdf.hash
            )));
        }
        if cipher.name != "AES-GCM" {
            return Err(damaged(&format!(
                "cipher {} is not supported (only AES-GCM)",
                cipher.name
            )));
        }
        let range = u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS);
        if !range.contains(&kdf.iterations) {
            return Err(damaged(&format!(
                "its iteration count {} is outside {MIN_ITERATIONS}..{MAX_ITERATIONS}",
                kdf.iterations
            )));
        }
        let field = |name: &str, text: &str, length: Option<usize>| {
            let bytes = base64_decode(text)
                .map_err(|e| damaged(&format!("\"{name}\" is not base64: {e}")))?;
            match length {
                Some(n) if bytes.len() != n => Err(damaged(&format!(
                    "\"{name}\" has {} bytes instead of {n}",
                    bytes.len()
                ))),
                _ => Ok(bytes),
            }
        };
        let file = EncryptedFile {
            iterations: kdf.iterations as u32,
            salt: field("salt", &kdf.salt, Some(SALT_BYTES))?,
            nonce: field("nonce", &cipher.nonce, Some(NONCE_BYTES))?,
            ciphertext: field("ciphertext", &sealed, None)?,
        };
        if file.ciphertext.len() < TAG_BYTES {
            return Err(damaged("the ciphertext is shorter than its tag"));
        }
        Ok(file)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Strict standard base64 with padding: no whitespace, no other alphabet,
/// and no bits set past the end of the data.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err(format!("its length {} is not a multiple of 4", bytes.len()));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let chunks = bytes.len() / 4;
    for (index, chunk) in bytes.chunks(4).enumerate() {
        let padding = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if padding > 2 || (padding > 0 && index + 1 != chunks) {
            return Err("padding in the wrong place".into());
        }
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let value = if i >= 4 - padding {
                0
            } else {
                match c {
                    b'A'..=b'Z' => c - b'A',
                    b'a'..=b'z' => c - b'a' + 26,
                    b'0'..=b'9' => c - b'0' + 52,
                    b'+' => 62,
                    b'/' => 63,
                    _ => {
                        return Err(format!(
                            "character {:?} at {} is not base64",
                            c as char,
                            index * 4 + i
                        ))
                    }
                }
            };
            n = (n << 6) | u32::from(value);
        }
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = 3 - padding;
        if decoded[keep..].iter().any(|b| *b != 0) {
            return Err("stray bits after the data".into());
        }
        out.extend_from_slice(&decoded[..keep]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> EncryptedFile {
        EncryptedFile {
            iterations: PBKDF2_ITERATIONS,
            salt: (0..16).collect(),
            nonce: (100..112).collect(),
            ciphertext: (0u8..40).map(|i| i.wrapping_mul(7)).collect(),
        }
    }

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
            assert_eq!(base64_decode(encoded).unwrap(), plain.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(base64_decode(&base64_encode(&all)).unwrap(), all);
    }

    #[test]
    fn base64_refuses_what_is_not_strict_base64() {
        for bad in [
            "Zg=",
            "Zm9v\n",
            "Zm-v",
            "Zg==Zm9v",
            "Zh==",
            "Z===",
            "Zm9v YmFy",
        ] {
            assert!(base64_decode(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn the_envelope_reads_back_what_it_wrote() {
        let file = sample();
        let text = file.to_json();
        assert!(is_encrypted_export(text.as_bytes()));
        assert!(text.contains("\"iterations\": 600000"));
        assert_eq!(EncryptedFile::parse(text.as_bytes()).unwrap(), file);
    }

    #[test]
    fn a_plain_export_is_not_taken_for_an_encrypted_one() {
        let plain = crate::export_json(&crate::demo_organisation());
        assert!(!is_encrypted_export(plain.as_bytes()));
    }

    fn refused(edit: impl Fn(&mut serde_json::Value)) -> String {
        let mut value: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        edit(&mut value);
        EncryptedFile::parse(value.to_string().as_bytes()).unwrap_err()
    }

    #[test]
    fn doctored_envelopes_are_refused_with_the_reason() {
        let newer = refused(|v| v["version"] = 2.into());
        assert!(newer.contains("newer ISMS Workbench"), "{newer}");
        let weak = refused(|v| v["kdf"]["iterations"] = 1000.into());
        assert!(weak.contains("iteration count 1000"), "{weak}");
        let huge = refused(|v| v["kdf"]["iterations"] = 4_000_000_000u64.into());
        assert!(huge.contains("outside"), "{huge}");
        let salt = refused(|v| v["kdf"]["salt"] = "AAAA".into());
        assert!(salt.contains("3 bytes instead of 16"), "{salt}");
        let nonce = refused(|v| v["cipher"]["nonce"] = "not base64!".into());
        assert!(nonce.contains("\"nonce\" is not base64"), "{nonce}");
        let cipher = refused(|v| v["cipher"]["name"] = "AES-CBC".into());
        assert!(cipher.contains("only AES-GCM"), "{cipher}");
        let short = refused(|v| v["ciphertext"] = "AAAA".into());
        assert!(short.contains("shorter than its tag"), "{short}");
        let missing = refused(|v| {
            v.as_object_mut().unwrap().remove("ciphertext");
        });
        assert!(missing.contains("\"ciphertext\" is missing"), "{missing}");
        let garbage =
            EncryptedFile::parse(b"{\"format\": \"isms-workbench-encrypted\"").unwrap_err();
        assert!(garbage.contains("damaged"), "{garbage}");
    }

    #[test]
    fn the_committed_fixture_is_a_version_1_envelope() {
        // tests/fixtures/encrypted/v2.isms.enc.json, made by
        // tests/make-encrypted-fixture.mjs; the e2e tests decrypt it in the app.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/encrypted/v2.isms.enc.json"
        );
        let bytes = std::fs::read(path).unwrap();
        assert!(is_encrypted_export(&bytes));
        let file = EncryptedFile::parse(&bytes).unwrap();
        assert_eq!(file.iterations, PBKDF2_ITERATIONS);
        assert_eq!(file.salt.len(), SALT_BYTES);
        assert_eq!(file.nonce.len(), NONCE_BYTES);
        assert!(file.ciphertext.len() > 1000);
    }

    #[test]
    fn passphrases_need_a_length_and_a_matching_confirmation() {
        let short = passphrase_problem("short", "short").unwrap();
        assert_eq!(short, PassphraseProblem::TooShort(5));
        assert!(short.to_string().contains("at least 12"));
        assert_eq!(
            passphrase_problem("correct horse battery", "correct horse batery"),
            Some(PassphraseProblem::Different)
        );
        assert_eq!(
            passphrase_problem("correct horse battery", "correct horse battery"),
            None
        );
        // Characters, not bytes: twelve accented letters pass.
        assert_eq!(passphrase_problem("éééééééééééé", "éééééééééééé"), None);
    }
}
