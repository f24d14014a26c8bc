use anchor_lang::prelude::*;

use crate::{
    attestation::{verify_previous_ed25519, ResultAttestation, ResultStatus},
    constants::{SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::RequestFulfilled,
    payload::Payload,
    state::{Model, Oracle, Request, RequestStatus},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct FulfillRequestArgs {
    /// The output: inline tensor bytes when the request reserved inline space, else a URI and
    /// the SHA-256 of the bytes it serves.
    pub output: Payload,
    /// SHA-256 of `runtime/version/execution provider` that produced it (signed with it).
    pub execution_id: [u8; 32],
}

#[event_cpi]
#[derive(Accounts)]
pub struct FulfillRequest<'info> {
    pub authority: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_ORACLE, oracle.authority.as_ref()],
        bump = oracle.bump,
        has_one = authority @ EscrowError::NotOracleAuthority,
    )]
    pub oracle: Box<Account<'info, Oracle>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    #[account(address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// CHECK: the instructions sysvar, fixed by address; read for the Ed25519 instruction.
    #[account(address = solana_sdk_ids::sysvar::instructions::ID)]
    pub instructions: UncheckedAccount<'info>,
}

impl FulfillRequest<'_> {
    pub fn validate(&self, args: &FulfillRequestArgs) -> Result<()> {
        let RequestStatus::Claimed { oracle, .. } = self.request.status else {
            return err!(EscrowError::RequestNotClaimed);
        };
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::NotClaimingOracle);
        require!(
            Clock::get()?.slot <= self.request.deadline_slot,
            EscrowError::DeadlinePassed
        );
        let capacity = self.request.output_capacity as usize;
        match &args.output {
            Payload::Inline(bytes) => {
                require!(capacity > 0, EscrowError::OutputMustBeUri);
                require!(!bytes.is_empty(), EscrowError::EmptyOutput);
                require!(bytes.len() <= capacity, EscrowError::OutputTooLong);
                require!(
                    self.model.output_schema.accepts_byte_len(bytes.len()),
                    EscrowError::OutputSchemaMismatch
                );
            }
            Payload::Uri { .. } => {
                require!(capacity == 0, EscrowError::OutputMustBeInline);
                args.output.validate_uri()?;
            }
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: FulfillRequestArgs) -> Result<()> {
        let output_hash = args.output.sha256();
        let request_key = ctx.accounts.request.key();
        let oracle_key = ctx.accounts.oracle.key();
        let message = ResultAttestation {
            oracle: oracle_key,
            request: request_key,
            onnx_sha256: ctx.accounts.model.onnx_sha256,
            input_hash: ctx.accounts.request.input_hash,
            output_hash,
            execution_id: args.execution_id,
            status: ResultStatus::Fulfilled,
        }
        .message(ctx.program_id);
        verify_previous_ed25519(
            &ctx.accounts.instructions,
            &ctx.accounts.oracle.attestation_key,
            &message,
        )?;

        let slot = Clock::get()?.slot;
        let request = &mut ctx.accounts.request;
        request.output_hash = output_hash;
        request.output = Some(args.output.data_ref());
        request.execution_id = args.execution_id;
        request.status = RequestStatus::Fulfilled {
            oracle: oracle_key,
            slot,
        };
        request.invariant(&request.to_account_info())?;
        let oracle = &mut ctx.accounts.oracle;
        oracle.fulfilled = oracle.fulfilled.saturating_add(1);
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(RequestFulfilled {
            request: request_key,
            oracle: oracle_key,
            output_hash,
            execution_id: args.execution_id,
        });
        Ok(())
    }
}
