use core::fmt;

use solana_program_error::ProgramError;

use crate::RequestStatus;

/// Why an account or a result was refused. Converts into `ProgramError::Custom(8_000 + n)`; a
/// consumer usually maps it to an error of its own instead (`map_err`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterfaceError {
    /// The account is not owned by inference_escrow: anyone could have written it.
    NotEscrowAccount,
    /// The account is not of the expected type (its discriminator differs).
    WrongAccountType,
    /// The account's layout version is not [`crate::ACCOUNT_VERSION`].
    UnsupportedVersion(u8),
    /// The account's bytes do not decode as its layout says.
    Malformed,
    /// The request is for another model.
    WrongModel,
    /// The request was paid by someone else.
    WrongRequester,
    /// The request has no result yet (open, claimed, challenged; or fulfilled when only
    /// settled results are accepted): try again later.
    NotReady(RequestStatus),
    /// The request ended without a result (failed, expired, refunded): none will come.
    NoResult(RequestStatus),
    /// The output was posted by URI: only its hash is on-chain.
    OutputByUri,
    /// The output's length is not what the reader asked for.
    OutputLength { expected: usize, found: usize },
    /// The output's bytes do not hash to the output hash the oracle signed.
    OutputHashMismatch,
    /// A callback call not signed by the callback authority of the request given.
    NotFromEscrow,
    /// The request's callback does not name this program.
    CallbackMismatch,
}

impl InterfaceError {
    /// Base of the custom program error codes.
    pub const CODE_BASE: u32 = 8_000;

    /// Its custom program error code.
    pub fn code(&self) -> u32 {
        Self::CODE_BASE
            + match self {
                Self::NotEscrowAccount => 0,
                Self::WrongAccountType => 1,
                Self::UnsupportedVersion(_) => 2,
                Self::Malformed => 3,
                Self::WrongModel => 4,
                Self::WrongRequester => 5,
                Self::NotReady(_) => 6,
                Self::NoResult(_) => 7,
                Self::OutputByUri => 8,
                Self::OutputLength { .. } => 9,
                Self::OutputHashMismatch => 10,
                Self::NotFromEscrow => 11,
                Self::CallbackMismatch => 12,
            }
    }
}

impl fmt::Display for InterfaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotEscrowAccount => write!(f, "the account is not owned by inference_escrow"),
            Self::WrongAccountType => write!(f, "the account is not of the expected type"),
            Self::UnsupportedVersion(v) => write!(f, "account layout version {v} is not supported"),
            Self::Malformed => write!(f, "the account does not decode"),
            Self::WrongModel => write!(f, "the request is for another model"),
            Self::WrongRequester => write!(f, "the request was paid by someone else"),
            Self::NotReady(status) => write!(f, "no result yet (request {})", status.name()),
            Self::NoResult(status) => {
                write!(f, "the request ended without a result ({})", status.name())
            }
            Self::OutputByUri => write!(f, "the output was posted by URI"),
            Self::OutputLength { expected, found } => {
                write!(f, "the output is {found} bytes, not {expected}")
            }
            Self::OutputHashMismatch => write!(f, "the output does not match its hash"),
            Self::NotFromEscrow => {
                write!(
                    f,
                    "the call is not signed by the request's callback authority"
                )
            }
            Self::CallbackMismatch => write!(f, "the request's callback names another program"),
        }
    }
}

impl std::error::Error for InterfaceError {}

impl From<InterfaceError> for ProgramError {
    fn from(error: InterfaceError) -> Self {
        ProgramError::Custom(error.code())
    }
}
