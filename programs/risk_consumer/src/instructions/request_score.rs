use anchor_lang::prelude::*;
use inference_escrow::{
    constants::{SEED_CONFIG, SEED_REQUEST},
    cpi::accounts::CreateRequest,
    instructions::CreateRequestArgs,
    payload::Payload,
    program::InferenceEscrow,
    state::{Config, Model, Request},
};

use crate::{
    constants::{SEED_POSITION, SEED_VAULT, SEED_WALLET},
    errors::RiskError,
    events::ScoreRequested,
    state::{Position, PositionStatus, Vault},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RequestScoreArgs {
    /// Slots the oracles have to claim and fulfil (at most the escrow's `max_request_ttl_slots`).
    pub ttl_slots: u64,
}

#[event_cpi]
#[derive(Accounts)]
pub struct RequestScore<'info> {
    #[account(
        mut,
        seeds = [SEED_VAULT, vault.authority.as_ref()],
        bump = vault.bump,
        has_one = model,
    )]
    pub vault: Box<Account<'info, Vault>>,
    #[account(
        mut,
        seeds = [SEED_POSITION, vault.key().as_ref(), position.borrower.as_ref()],
        bump = position.bump,
    )]
    pub position: Account<'info, Position>,
    /// The payer of the inference: the requester of the escrow request, signing by CPI.
    #[account(mut, seeds = [SEED_WALLET, vault.key().as_ref()], bump = vault.wallet_bump)]
    pub wallet: SystemAccount<'info>,

    // ---- passed through to inference_escrow::create_request --------------------------------
    // `Account<..>` of the escrow's types checks owner and discriminator here; the escrow checks
    // everything again itself. The `seeds::program` constraints document (and, in the IDL, let
    // clients derive) where each account lives.
    #[account(seeds = [SEED_CONFIG], bump = escrow_config.bump, seeds::program = inference_escrow::ID)]
    pub escrow_config: Box<Account<'info, Config>>,
    pub model: Box<Account<'info, Model>>,
    /// The request inference_escrow creates: `["request", wallet, next_nonce]` under the escrow.
    /// CHECK: does not exist yet; the seeds pin it and the escrow's `init` checks it again.
    #[account(
        mut,
        seeds = [SEED_REQUEST, wallet.key().as_ref(), &vault.next_nonce.to_le_bytes()],
        bump,
        seeds::program = inference_escrow::ID,
    )]
    pub request: UncheckedAccount<'info>,
    /// inference_escrow's event authority (first of its two `#[event_cpi]` accounts).
    /// CHECK: a PDA without data, pinned by the seeds; the escrow checks it again.
    #[account(seeds = [b"__event_authority"], bump, seeds::program = inference_escrow::ID)]
    pub escrow_event_authority: UncheckedAccount<'info>,
    pub escrow_program: Program<'info, InferenceEscrow>,
    pub system_program: Program<'info, System>,
}

impl RequestScore<'_> {
    pub fn validate(&self) -> Result<()> {
        // One request in flight per position: a keeper cannot drain the wallet by repeating.
        require!(
            self.position.status.pending_request().is_none(),
            RiskError::PositionPending
        );
        // The wallet pays the price into escrow and the request account's rent, and must stay
        // rent-exempt itself. Checked here for a clear error; the system program would refuse
        // the transfer anyway. The request stores the 16 input bytes inline.
        let rent = Rent::get()?;
        let input = Payload::Inline(self.position.input_bytes());
        let request_space = Request::space_for(&input, &self.model, &self.escrow_config);
        let needed = [rent.minimum_balance(request_space), rent.minimum_balance(0)]
            .into_iter()
            .try_fold(self.model.price, u64::checked_add)
            .ok_or(RiskError::MathOverflow)?;
        require!(
            self.wallet.lamports() >= needed,
            RiskError::WalletUnderfunded
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: RequestScoreArgs) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let vault_key = accounts.vault.key();
        let nonce = accounts.vault.next_nonce;

        // The CPI: the wallet PDA signs as requester with its seeds. The account list is the
        // escrow's `CreateRequest` accounts, ending with its two `#[event_cpi]` accounts.
        let cpi_accounts = CreateRequest {
            requester: accounts.wallet.to_account_info(),
            config: accounts.escrow_config.to_account_info(),
            model: accounts.model.to_account_info(),
            request: accounts.request.to_account_info(),
            system_program: accounts.system_program.to_account_info(),
            event_authority: accounts.escrow_event_authority.to_account_info(),
            program: accounts.escrow_program.to_account_info(),
        };
        let args = CreateRequestArgs {
            nonce,
            input: Payload::Inline(accounts.position.input_bytes()),
            ttl_slots: args.ttl_slots,
            // Advisory: tells oracles (and indexers) which program consumes the result.
            callback_program: Some(crate::ID),
            // A keeper (anyone) sends this: the vault's own cap, not the keeper's, bounds the price.
            max_price: accounts.vault.max_price,
            // The wallet (a PDA) cannot post a challenge bond by itself: the vault's keeper may.
            challenger: Some(accounts.vault.challenger),
        };
        accounts.vault.with_wallet_seeds(&vault_key, |signer| {
            inference_escrow::cpi::create_request(
                CpiContext::new_with_signer(accounts.escrow_program.key(), cpi_accounts, signer),
                args,
            )
        })?;

        // Effects after the CPI succeeded; any failure above reverts the whole transaction.
        accounts.vault.next_nonce = nonce.checked_add(1).ok_or(RiskError::MathOverflow)?;
        let request = accounts.request.key();
        accounts.position.status = PositionStatus::Pending { request };
        accounts.vault.invariant()?;
        accounts.position.invariant(&accounts.vault)?;
        let event = ScoreRequested {
            vault: vault_key,
            position: accounts.position.key(),
            request,
            nonce,
        };
        emit_cpi!(event);
        Ok(())
    }
}
