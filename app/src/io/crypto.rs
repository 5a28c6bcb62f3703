//! The passphrase-encrypted export with the browser's WebCrypto: PBKDF2 with
//! SHA-256 derives an AES-256-GCM key from the passphrase; salt and nonce
//! come from `crypto.getRandomValues`. The file format is the engine's
//! [`engine::EncryptedFile`] (documented in `engine::exchange::encrypted`).

use engine::EncryptedFile;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

fn crypto() -> Result<web_sys::Crypto, String> {
    leptos::prelude::window()
        .crypto()
        .map_err(|_| "this browser offers no WebCrypto".to_owned())
}

/// A plain object with the given string and value properties.
fn object(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

/// The AES-GCM key of `passphrase` with the salt and count of `file`.
async fn derive_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    usage: &str,
) -> Result<CryptoKey, JsValue> {
    let subtle = crypto().map_err(|e| JsValue::from_str(&e))?.subtle();
    let raw: Object = Uint8Array::from(passphrase.as_bytes()).into();
    let pbkdf2 = object(&[("name", "PBKDF2".into())]);
    let base = JsFuture::from(subtle.import_key_with_object(
        "raw",
        &raw,
        &pbkdf2,
        false,
        &Array::of1(&"deriveKey".into()),
    )?)
    .await?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", bytes(salt)),
        ("iterations", iterations.into()),
    ]);
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let key = JsFuture::from(subtle.derive_key_with_object_and_object(
        &params,
        &base.unchecked_into(),
        &aes,
        false,
        &Array::of1(&usage.into()),
    )?)
    .await?;
    Ok(key.unchecked_into())
}

fn gcm(nonce: &[u8]) -> Object {
    object(&[("name", "AES-GCM".into()), ("iv", bytes(nonce))])
}

/// `plaintext` encrypted under `passphrase` with a fresh salt and nonce, as
/// the envelope's JSON text.
pub async fn encrypt(passphrase: &str, plaintext: &[u8]) -> Result<String, String> {
    let failed = |_| "the browser could not encrypt the file".to_owned();
    let crypto = crypto()?;
    let mut salt = [0u8; engine::exchange::encrypted::SALT_BYTES];
    let mut nonce = [0u8; engine::exchange::encrypted::NONCE_BYTES];
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .map_err(failed)?;
    crypto
        .get_random_values_with_u8_array(&mut nonce)
        .map_err(failed)?;
    let iterations = engine::PBKDF2_ITERATIONS;
    let key = derive_key(passphrase, &salt, iterations, "encrypt")
        .await
        .map_err(failed)?;
    let sealed = JsFuture::from(
        crypto
            .subtle()
            .encrypt_with_object_and_u8_array(&gcm(&nonce), &key, plaintext)
            .map_err(failed)?,
    )
    .await
    .map_err(failed)?;
    Ok(EncryptedFile {
        iterations,
        salt: salt.to_vec(),
        nonce: nonce.to_vec(),
        ciphertext: Uint8Array::new(&sealed).to_vec(),
    }
    .to_json())
}

/// The plaintext of `file`, or the message for a wrong passphrase or a
/// changed file (AES-GCM cannot tell the two apart).
pub async fn decrypt(passphrase: &str, file: &EncryptedFile) -> Result<Vec<u8>, String> {
    let wrong = |_| engine::exchange::encrypted::WRONG_PASSPHRASE.to_owned();
    let key = derive_key(passphrase, &file.salt, file.iterations, "decrypt")
        .await
        .map_err(|_| "the browser could not derive the key".to_owned())?;
    let opened = JsFuture::from(
        crypto()?
            .subtle()
            .decrypt_with_object_and_u8_array(&gcm(&file.nonce), &key, &file.ciphertext)
            .map_err(wrong)?,
    )
    .await
    .map_err(wrong)?;
    Ok(Uint8Array::new(&opened).to_vec())
}
