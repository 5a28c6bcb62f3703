//! Files for other tools: the passphrase-encrypted export's envelope
//! ([`encrypted`]) and OSCAL documents (`oscal`).

pub mod encrypted;
pub mod oscal;
