use anchor_lang::{prelude::*, Discriminator};
use inference_escrow_interface::{
    self as escrow_interface, cost,
    cpi::{self, CreateRequestAccounts},
    instruction::{CreateRequest, Input},
    Callback, CallbackAccount, SEED_REQUEST,
};

use crate::{
    constants::{SEED_POSITION, SEED_VAULT, SEED_WALLET},
    errors::RiskError,
    escrow,
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
    // Addresses pinned here (and so derivable by clients from the IDL); `validate` reads config
    // and model through the interface crate, and the escrow checks everything again itself.
    /// inference_escrow's config.
    /// CHECK: the address pins it; read with `escrow::config`.
    #[account(address = escrow_interface::CONFIG)]
    pub escrow_config: UncheckedAccount<'info>,
    /// The vault's model (`has_one` above).
    /// CHECK: read with `escrow::model`.
    pub model: UncheckedAccount<'info>,
    /// The request inference_escrow creates: `["request", wallet, next_nonce]` under the escrow.
    /// CHECK: does not exist yet; the seeds pin it and the escrow checks it again.
    #[account(
        mut,
        seeds = [SEED_REQUEST, wallet.key().as_ref(), &vault.next_nonce.to_le_bytes()],
        bump,
        seeds::program = escrow_interface::ID,
    )]
    pub request: UncheckedAccount<'info>,
    /// inference_escrow's event authority (first of its two `#[event_cpi]` accounts).
    /// CHECK: the address pins it; the escrow checks it again.
    #[account(address = escrow_interface::EVENT_AUTHORITY)]
    pub escrow_event_authority: UncheckedAccount<'info>,
    /// inference_escrow.
    /// CHECK: the address pins it.
    #[account(address = escrow_interface::ID)]
    pub escrow_program: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

/// The callback every score request names: `on_score` with this vault, its wallet, the position
/// (written) and this program's two `#[event_cpi]` accounts, after the two the escrow passes
/// (the request and its callback authority).
fn on_score_callback(
    vault: Pubkey,
    wallet: Pubkey,
    position: Pubkey,
    event_authority: Pubkey,
) -> Callback {
    Callback {
        program: crate::ID,
        discriminator: crate::instruction::OnScore::DISCRIMINATOR
            .try_into()
            .unwrap_or_default(),
        accounts: vec![
            CallbackAccount::readonly(vault),
            CallbackAccount::readonly(wallet),
            CallbackAccount::writable(position),
            CallbackAccount::readonly(event_authority),
            CallbackAccount::readonly(crate::ID),
        ],
    }
}

impl RequestScore<'_> {
    /// The request's input and callback, once the position may ask and the wallet can pay for
    /// exactly that request.
    pub fn validate(&self) -> Result<(Input, Callback)> {
        // One request in flight per position: a keeper cannot drain the wallet by repeating.
        require!(
            self.position.status.pending_request().is_none(),
            RiskError::PositionPending
        );
        // The wallet pays the price into escrow and the request account's rent, and must stay
        // rent-exempt itself. Checked here for a clear error; the system program would refuse
        // the transfer anyway. The request stores the input bytes inline, and the callback.
        let rent = Rent::get()?;
        let (model, config) = (
            escrow::model(&self.model)?,
            escrow::config(&self.escrow_config)?,
        );
        let input = Input::Inline(self.position.input_bytes());
        let callback = on_score_callback(
            self.vault.key(),
            self.wallet.key(),
            self.position.key(),
            self.event_authority.key(),
        );
        let request_space = cost::request_space(&input, Some(&callback), &model, &config);
        let needed = [rent.minimum_balance(request_space), rent.minimum_balance(0)]
            .into_iter()
            .try_fold(model.price, u64::checked_add)
            .ok_or(RiskError::MathOverflow)?;
        require!(
            self.wallet.lamports() >= needed,
            RiskError::WalletUnderfunded
        );
        Ok((input, callback))
    }

    pub fn handler(ctx: Context<Self>, args: RequestScoreArgs) -> Result<()> {
        let (input, callback) = ctx.accounts.validate()?;
        let accounts = &mut *ctx.accounts;
        let vault_key = accounts.vault.key();
        let nonce = accounts.vault.next_nonce;

        // The CPI: the wallet PDA signs as requester with its seeds. The account list is the
        // escrow's `create_request` accounts, ending with its two `#[event_cpi]` accounts.
        let cpi_accounts = CreateRequestAccounts {
            requester: accounts.wallet.as_ref(),
            config: accounts.escrow_config.as_ref(),
            model: accounts.model.as_ref(),
            request: accounts.request.as_ref(),
            system_program: accounts.system_program.as_ref(),
            event_authority: accounts.escrow_event_authority.as_ref(),
            escrow_program: accounts.escrow_program.as_ref(),
        };
        let args = CreateRequest {
            nonce,
            input,
            ttl_slots: args.ttl_slots,
            // Once the request has ended, any crank has the escrow call `on_score`: the score
            // lands without a keeper of our own.
            callback: Some(callback),
            // A keeper (anyone) sends this: the vault's own cap, not the keeper's, bounds the price.
            max_price: accounts.vault.max_price,
            // The wallet (a PDA) cannot post a challenge bond by itself: the vault's keeper may.
            challenger: Some(accounts.vault.challenger),
        };
        accounts.vault.with_wallet_seeds(&vault_key, |signer| {
            cpi::create_request(cpi_accounts, &args, signer)
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
