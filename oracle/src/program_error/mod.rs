//! Names and messages of program errors, so that a refusal reads `NotActive (6010): The
//! oracle is not active.` rather than `custom program error: 0x177a`.
//!
//! The program's own errors (6000 and up) come from its IDL (`target/idl/inference_escrow.json`,
//! committed and regenerated with the program); Anchor's framework errors (100 to 5000) from
//! [`anchor_codes`].

mod anchor_codes;

use std::{collections::HashMap, fmt, sync::OnceLock};

use serde::Deserialize;

/// The program's IDL, as built from its source.
const IDL: &str = include_str!("../../../target/idl/inference_escrow.json");

/// A program error, named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedError {
    /// The custom error code.
    pub code: u32,
    /// The error's name in the program (or in Anchor).
    pub name: &'static str,
    /// Its message.
    pub message: &'static str,
}

impl fmt::Display for NamedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.name, self.code, self.message)
    }
}

#[derive(Deserialize)]
struct IdlErrors {
    errors: Vec<IdlError>,
}

#[derive(Deserialize)]
struct IdlError {
    code: u32,
    name: String,
    msg: String,
}

/// The program's errors by code, read once from the embedded IDL.
fn program_errors() -> &'static HashMap<u32, (&'static str, &'static str)> {
    static ERRORS: OnceLock<HashMap<u32, (&'static str, &'static str)>> = OnceLock::new();
    ERRORS.get_or_init(|| {
        // The IDL is built from the program in this workspace; a test reads it the same way.
        let idl: IdlErrors = serde_json::from_str(IDL).unwrap_or(IdlErrors { errors: Vec::new() });
        idl.errors
            .into_iter()
            .map(|e| {
                let name: &'static str = Box::leak(e.name.into_boxed_str());
                let message: &'static str = Box::leak(e.msg.into_boxed_str());
                (e.code, (name, message))
            })
            .collect()
    })
}

/// The error with custom code `code`, when it is one of the program's or Anchor's.
pub fn lookup(code: u32) -> Option<NamedError> {
    let (name, message) = if code >= anchor_lang::error::ERROR_CODE_OFFSET {
        *program_errors().get(&code)?
    } else {
        let index = anchor_codes::ANCHOR_ERRORS
            .binary_search_by_key(&code, |(c, _, _)| *c)
            .ok()?;
        let (_, name, message) = anchor_codes::ANCHOR_ERRORS[index];
        (name, message)
    };
    Some(NamedError {
        code,
        name,
        message,
    })
}

#[cfg(test)]
mod tests {
    use inference_escrow::errors::EscrowError;

    use super::*;

    #[test]
    fn the_program_errors_are_named_as_the_program_names_them() {
        let idl: IdlErrors = serde_json::from_str(IDL).unwrap();
        assert!(idl.errors.len() > 50, "the IDL lists the program's errors");
        for error in [
            EscrowError::NotAdmin,
            EscrowError::RequestAlreadySettled,
            EscrowError::OracleNotUnbonding,
        ] {
            let named = lookup(u32::from(error)).unwrap();
            assert_eq!(named.name, error.name());
            assert_eq!(named.message, error.to_string());
        }
    }

    #[test]
    fn anchor_errors_are_named_as_anchor_names_them() {
        use anchor_lang::error::ErrorCode;
        assert!(anchor_codes::ANCHOR_ERRORS
            .windows(2)
            .all(|w| w[0].0 < w[1].0));
        for error in [
            ErrorCode::InstructionMissing,
            ErrorCode::InstructionDidNotDeserialize,
            ErrorCode::ConstraintSeeds,
            ErrorCode::ConstraintHasOne,
            ErrorCode::AccountDiscriminatorMismatch,
            ErrorCode::AccountNotInitialized,
            ErrorCode::InvalidNumericConversion,
            ErrorCode::Deprecated,
        ] {
            let named = lookup(u32::from(error)).unwrap();
            assert_eq!(named.name, error.name());
            assert_eq!(named.message, error.to_string());
        }
    }

    #[test]
    fn unknown_codes_are_not_named() {
        assert_eq!(lookup(0), None);
        assert_eq!(lookup(4_999), None);
        assert_eq!(lookup(u32::MAX), None);
    }
}
