//! Reading inference_escrow's accounts through `inference-escrow-interface`, its refusals
//! turned into this program's errors (and Anchor's, where Anchor's own account checks would
//! have said the same).

use anchor_lang::{error::ErrorCode as AnchorError, prelude::*};
use inference_escrow_interface::{self as escrow, InterfaceError};

use crate::errors::RiskError;

/// The program's error for an interface refusal.
pub fn error(refusal: InterfaceError) -> Error {
    match refusal {
        InterfaceError::NotEscrowAccount => error!(AnchorError::AccountOwnedByWrongProgram),
        InterfaceError::WrongAccountType => error!(AnchorError::AccountDiscriminatorMismatch),
        InterfaceError::UnsupportedVersion(_) | InterfaceError::Malformed => {
            error!(RiskError::UnreadableEscrowAccount)
        }
        InterfaceError::WrongModel => error!(RiskError::WrongModel),
        InterfaceError::WrongRequester => error!(RiskError::ForeignRequest),
        InterfaceError::NotReady(_) => error!(RiskError::ScoreNotReady),
        InterfaceError::NoResult(_)
        | InterfaceError::OutputByUri
        | InterfaceError::OutputLength { .. } => error!(RiskError::InvalidScoreOutput),
        InterfaceError::OutputHashMismatch => error!(RiskError::OutputHashMismatch),
        InterfaceError::NotFromEscrow | InterfaceError::CallbackMismatch => {
            error!(RiskError::NotFromEscrow)
        }
    }
}

/// An inference_escrow Request (owner, type and version checked).
pub fn request(info: &AccountInfo) -> Result<escrow::Request> {
    escrow::Request::load(info).map_err(error)
}

/// An inference_escrow Model (owner, type and version checked).
pub fn model(info: &AccountInfo) -> Result<escrow::Model> {
    escrow::Model::load(info).map_err(error)
}

/// inference_escrow's Config (owner, type and version checked).
pub fn config(info: &AccountInfo) -> Result<escrow::Config> {
    escrow::Config::load(info).map_err(error)
}
