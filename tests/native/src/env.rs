//! [`Env`]: one bank with the program, an admin, a treasury and helpers for every party.

use anchor_lang::{
    prelude::{Clock, Pubkey},
    solana_program::instruction::Instruction,
    AccountDeserialize, Discriminator,
};
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use inference_escrow_client::{
    decode,
    ix::{self, RequestKeys, TokenPayment},
    pda, seats, Config, ConfigParams, Dispute, Model, Payload, Request,
};
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_keypair::Keypair;
use solana_program_test::{ProgramTest, ProgramTestContext};
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

use crate::{bridge::program_test, fixtures::*};

/// A running bank with `inference_escrow` and an initialized config.
pub struct Env {
    /// The program-test context (bank, banks client, fee payer).
    pub ctx: ProgramTestContext,
    /// Config admin and arbiter.
    pub admin: Keypair,
    /// Receives protocol fees.
    pub treasury: Keypair,
    /// Transactions built so far; see [`Env::with_unique_budget`].
    sent: u32,
}

impl Env {
    /// A bank with the config initialized to [`config_params`].
    pub async fn start() -> Self {
        Self::start_with(program_test()).await
    }

    /// A bank of `program_test` (which must include inference_escrow) with the config
    /// initialized to [`config_params`].
    pub async fn start_with(program_test: ProgramTest) -> Self {
        let mut env = Self::bare_with(program_test).await;
        let params = config_params(env.treasury.pubkey());
        env.initialize_config(params)
            .await
            .expect("initialize_config");
        env
    }

    /// A bank with the program but no config.
    pub async fn bare() -> Self {
        Self::bare_with(program_test()).await
    }

    /// A bank of `program_test` with no config; the admin and treasury are funded.
    pub async fn bare_with(program_test: ProgramTest) -> Self {
        let ctx = program_test.start_with_context().await;
        let mut env = Self {
            ctx,
            admin: Keypair::new(),
            treasury: Keypair::new(),
            sent: 0,
        };
        let (admin, treasury) = (env.admin.pubkey(), env.treasury.pubkey());
        env.fund(&admin, 10 * SOL).await;
        env.fund(&treasury, SOL).await;
        env
    }

    /// Sends `instructions` in one transaction paid by the bank's payer and signed by `signers`.
    /// A compute-budget instruction goes first (index 0), so the given ones start at index 1.
    pub async fn send(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<(), TransactionError> {
        let all = self.with_unique_budget(instructions);
        self.send_exact(&all, signers).await
    }

    /// Sends exactly `instructions` (nothing prepended) in one transaction paid by the bank's
    /// payer. Identical transactions are deduplicated by the bank: vary the instructions.
    pub async fn send_exact(
        &mut self,
        all: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<(), TransactionError> {
        let tx = self.transaction(all, signers).await;
        self.ctx
            .banks_client
            .process_transaction(tx)
            .await
            .map_err(|err| err.unwrap())
    }

    /// Sends `instructions` like [`Env::send`] and returns the events the program emitted
    /// (the payloads of its self-CPI event instructions, in order), read from a simulation of
    /// the same transaction just before it is processed.
    pub async fn send_with_events(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<Vec<Vec<u8>>, TransactionError> {
        self.send_with_events_of(inference_escrow::ID, instructions, signers)
            .await
    }

    /// Like [`Env::send_with_events`], for the events of `program`.
    pub async fn send_with_events_of(
        &mut self,
        program: Pubkey,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<Vec<Vec<u8>>, TransactionError> {
        let all = self.with_unique_budget(instructions);
        let tx = self.transaction(&all, signers).await;
        let simulation = self
            .ctx
            .banks_client
            .simulate_transaction(tx.clone())
            .await
            .expect("simulate");
        let account_keys = &tx.message.account_keys;
        let events = simulation
            .simulation_details
            .and_then(|details| details.inner_instructions)
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .filter(|inner| account_keys[inner.instruction.program_id_index as usize] == program)
            .filter_map(|inner| {
                inner
                    .instruction
                    .data
                    .strip_prefix(anchor_lang::event::EVENT_IX_TAG_LE)
                    .map(<[u8]>::to_vec)
            })
            .collect();
        self.ctx
            .banks_client
            .process_transaction(tx)
            .await
            .map_err(|err| err.unwrap())?;
        Ok(events)
    }

    /// `instructions` behind a compute-budget instruction whose limit differs for every
    /// transaction, so identical instructions sent twice are both executed.
    fn with_unique_budget(&mut self, instructions: &[Instruction]) -> Vec<Instruction> {
        self.sent += 1;
        let mut all = vec![ComputeBudgetInstruction::set_compute_unit_limit(
            1_400_000 - self.sent,
        )];
        all.extend_from_slice(instructions);
        all
    }

    /// A transaction of `all`, paid by the bank's payer, signed by it and `signers`.
    async fn transaction(&mut self, all: &[Instruction], signers: &[&Keypair]) -> Transaction {
        let payer = &self.ctx.payer;
        let mut keys: Vec<&Keypair> = vec![payer];
        keys.extend(
            signers
                .iter()
                .copied()
                .filter(|k| k.pubkey() != payer.pubkey()),
        );
        let blockhash = self
            .ctx
            .banks_client
            .get_latest_blockhash()
            .await
            .expect("blockhash");
        Transaction::new_signed_with_payer(all, Some(&payer.pubkey()), &keys, blockhash)
    }

    /// Moves `lamports` from the bank's payer to `to`.
    pub async fn fund(&mut self, to: &Pubkey, lamports: u64) {
        let ix =
            solana_system_interface::instruction::transfer(&self.ctx.payer.pubkey(), to, lamports);
        self.send(&[ix], &[]).await.expect("fund");
    }

    /// A new wallet holding `lamports`.
    pub async fn wallet(&mut self, lamports: u64) -> Keypair {
        let wallet = Keypair::new();
        self.fund(&wallet.pubkey(), lamports).await;
        wallet
    }

    /// Lamports held by `key` (zero when the account does not exist).
    pub async fn lamports(&mut self, key: &Pubkey) -> u64 {
        self.ctx
            .banks_client
            .get_balance(*key)
            .await
            .expect("balance")
    }

    /// Whether an account exists at `key`.
    pub async fn exists(&mut self, key: &Pubkey) -> bool {
        self.ctx
            .banks_client
            .get_account(*key)
            .await
            .expect("account")
            .is_some()
    }

    /// Decodes the program account at `key`.
    pub async fn account<T: AccountDeserialize + Discriminator>(&mut self, key: &Pubkey) -> T {
        let account = self
            .ctx
            .banks_client
            .get_account(*key)
            .await
            .expect("account")
            .unwrap_or_else(|| panic!("no account at {key}"));
        decode::account(&account.data).expect("decode")
    }

    /// Owner program of the account at `key`.
    pub async fn owner_of(&mut self, key: &Pubkey) -> Pubkey {
        self.ctx
            .banks_client
            .get_account(*key)
            .await
            .expect("account")
            .expect("exists")
            .owner
    }

    /// The bank's current slot.
    pub async fn slot(&mut self) -> u64 {
        self.ctx
            .banks_client
            .get_sysvar::<Clock>()
            .await
            .expect("clock")
            .slot
    }

    /// Advances the bank by `slots` slots.
    pub async fn warp(&mut self, slots: u64) {
        let target = self.slot().await + slots;
        self.ctx.warp_to_slot(target).expect("warp");
    }

    /// Rent-exempt minimum for `len` bytes of data.
    pub async fn rent_exempt(&mut self, len: usize) -> u64 {
        self.ctx
            .banks_client
            .get_rent()
            .await
            .expect("rent")
            .minimum_balance(len)
    }

    // ---- SPL tokens -----------------------------------------------------------------------------

    /// A new mint under `token_program` (SPL Token or Token-2022), minted by the bank's payer.
    pub async fn create_mint(&mut self, token_program: Pubkey, decimals: u8) -> TokenPayment {
        let mint = Keypair::new();
        let space = 82; // the base mint layout, identical in both token programs
        let rent = self.rent_exempt(space).await;
        let payer = self.ctx.payer.pubkey();
        let create = solana_system_interface::instruction::create_account(
            &payer,
            &mint.pubkey(),
            rent,
            space as u64,
            &token_program,
        );
        let init = spl_token_2022::instruction::initialize_mint2(
            &token_program,
            &mint.pubkey(),
            &payer,
            None,
            decimals,
        )
        .expect("initialize_mint2");
        self.send(&[create, init], &[&mint])
            .await
            .expect("create mint");
        TokenPayment {
            mint: mint.pubkey(),
            token_program,
        }
    }

    /// A Token-2022 mint that charges `fee_bps` on every transfer (the program must refuse it).
    pub async fn create_transfer_fee_mint(&mut self, fee_bps: u16) -> TokenPayment {
        use spl_token_2022::extension::{
            transfer_fee::instruction::initialize_transfer_fee_config, ExtensionType,
        };
        let mint = Keypair::new();
        let token_program = spl_token_2022::ID;
        let space = ExtensionType::try_calculate_account_len::<spl_token_2022::state::Mint>(&[
            ExtensionType::TransferFeeConfig,
        ])
        .expect("mint size");
        let rent = self.rent_exempt(space).await;
        let payer = self.ctx.payer.pubkey();
        let create = solana_system_interface::instruction::create_account(
            &payer,
            &mint.pubkey(),
            rent,
            space as u64,
            &token_program,
        );
        let fee = initialize_transfer_fee_config(
            &token_program,
            &mint.pubkey(),
            None,
            None,
            fee_bps,
            u64::MAX,
        )
        .expect("transfer fee config");
        let init = spl_token_2022::instruction::initialize_mint2(
            &token_program,
            &mint.pubkey(),
            &payer,
            None,
            6,
        )
        .expect("initialize_mint2");
        self.send(&[create, fee, init], &[&mint])
            .await
            .expect("create transfer-fee mint");
        TokenPayment {
            mint: mint.pubkey(),
            token_program,
        }
    }

    /// A mint under `token_program` whose freeze authority is the bank's payer (like USDC's).
    pub async fn create_freezable_mint(&mut self, token_program: Pubkey) -> TokenPayment {
        let payer = self.ctx.payer.pubkey();
        self.create_mint_2022_like(token_program, &[], |_| Vec::new(), Some(payer))
            .await
    }

    /// A mint under `token_program` with the Token-2022 `extensions`, each initialized by the
    /// instructions `init` returns for the mint's address (run before `initialize_mint2`), and
    /// an optional freeze authority. The bank's payer is the mint authority.
    pub async fn create_mint_2022_like(
        &mut self,
        token_program: Pubkey,
        extensions: &[spl_token_2022::extension::ExtensionType],
        init: impl FnOnce(&Pubkey) -> Vec<Instruction>,
        freeze_authority: Option<Pubkey>,
    ) -> TokenPayment {
        use spl_token_2022::extension::ExtensionType;
        let mint = Keypair::new();
        let space =
            ExtensionType::try_calculate_account_len::<spl_token_2022::state::Mint>(extensions)
                .expect("mint size");
        let rent = self.rent_exempt(space).await;
        let payer = self.ctx.payer.pubkey();
        let mut ixs = vec![solana_system_interface::instruction::create_account(
            &payer,
            &mint.pubkey(),
            rent,
            space as u64,
            &token_program,
        )];
        ixs.extend(init(&mint.pubkey()));
        ixs.push(
            spl_token_2022::instruction::initialize_mint2(
                &token_program,
                &mint.pubkey(),
                &payer,
                freeze_authority.as_ref(),
                6,
            )
            .expect("initialize_mint2"),
        );
        self.send(&ixs, &[&mint]).await.expect("create mint");
        TokenPayment {
            mint: mint.pubkey(),
            token_program,
        }
    }

    /// Freezes (or thaws) the token `account` of `token`, signed by the freeze authority (the
    /// bank's payer).
    pub async fn set_frozen(&mut self, account: &Pubkey, token: TokenPayment, frozen: bool) {
        let payer = self.ctx.payer.pubkey();
        let build = if frozen {
            spl_token_2022::instruction::freeze_account
        } else {
            spl_token_2022::instruction::thaw_account
        };
        let ix = build(&token.token_program, account, &token.mint, &payer, &[]).expect("freeze");
        self.send(&[ix], &[]).await.expect("freeze or thaw");
    }

    /// A Token-2022 token account of `token` owned by `owner` that requires a memo before every
    /// incoming transfer (the owner enables it).
    pub async fn memo_required_account(&mut self, owner: &Keypair, token: TokenPayment) -> Pubkey {
        use spl_token_2022::extension::{memo_transfer, ExtensionType};
        let account = Keypair::new();
        let space = ExtensionType::try_calculate_account_len::<spl_token_2022::state::Account>(&[
            ExtensionType::MemoTransfer,
        ])
        .expect("account size");
        let rent = self.rent_exempt(space).await;
        let payer = self.ctx.payer.pubkey();
        let ixs = [
            solana_system_interface::instruction::create_account(
                &payer,
                &account.pubkey(),
                rent,
                space as u64,
                &token.token_program,
            ),
            spl_token_2022::instruction::initialize_account3(
                &token.token_program,
                &account.pubkey(),
                &token.mint,
                &owner.pubkey(),
            )
            .expect("initialize_account3"),
            memo_transfer::instruction::enable_required_transfer_memos(
                &token.token_program,
                &account.pubkey(),
                &owner.pubkey(),
                &[],
            )
            .expect("memo"),
        ];
        self.send(&ixs, &[&account, owner])
            .await
            .expect("memo-required account");
        account.pubkey()
    }

    /// Creates `owner`'s associated token account of `token.mint` (idempotent); returns it.
    pub async fn token_account(&mut self, owner: &Pubkey, token: TokenPayment) -> Pubkey {
        let payer = self.ctx.payer.pubkey();
        let ix = anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
            &payer, owner, &token.mint, &token.token_program,
        );
        self.send(&[ix], &[]).await.expect("create token account");
        token.account_of(owner)
    }

    /// Mints `amount` to `owner`'s associated token account, creating it first.
    pub async fn mint_to(&mut self, owner: &Pubkey, token: TokenPayment, amount: u64) -> Pubkey {
        let account = self.token_account(owner, token).await;
        let payer = self.ctx.payer.pubkey();
        let ix = spl_token_2022::instruction::mint_to(
            &token.token_program,
            &token.mint,
            &account,
            &payer,
            &[],
            amount,
        )
        .expect("mint_to");
        self.send(&[ix], &[]).await.expect("mint to");
        account
    }

    /// Token balance of a token account (zero when it does not exist).
    pub async fn token_balance(&mut self, account: &Pubkey) -> u64 {
        match self
            .ctx
            .banks_client
            .get_account(*account)
            .await
            .expect("account")
        {
            // SPL Token and Token-2022 accounts share the base layout: the amount is at 64.
            Some(acc) if acc.data.len() >= 72 => {
                u64::from_le_bytes(acc.data[64..72].try_into().expect("8 bytes"))
            }
            _ => 0,
        }
    }

    // ---- protocol helpers --------------------------------------------------------------------

    /// Sends `initialize_config` signed by the admin.
    pub async fn initialize_config(
        &mut self,
        params: ConfigParams,
    ) -> Result<(), TransactionError> {
        let admin = self.admin.insecure_clone();
        self.send(&[ix::initialize_config(&admin.pubkey(), params)], &[&admin])
            .await
    }

    /// Registers the default model under `owner` (SOL-paid unless `token` is given).
    pub async fn register_model(
        &mut self,
        owner: &Keypair,
        model_id: u8,
        token: Option<TokenPayment>,
    ) -> Pubkey {
        let args = model_args(model_id);
        let key = pda::model(&owner.pubkey(), &args.model_id);
        self.send(
            &[ix::register_model(&owner.pubkey(), args, token)],
            &[owner],
        )
        .await
        .expect("register_model");
        key
    }

    /// A funded operator registered as an oracle with `stake`.
    pub async fn register_oracle(&mut self, stake: u64) -> TestOracle {
        let oracle = TestOracle {
            authority: self.wallet(stake + SOL).await,
            attestation: Keypair::new(),
        };
        let ix = ix::register_oracle(&oracle.key(), &oracle.attestation.pubkey(), stake);
        self.send(&[ix], &[&oracle.authority, &oracle.attestation])
            .await
            .expect("register_oracle");
        oracle
    }

    /// Creates a SOL request with the default input; returns the request key.
    pub async fn create_request(
        &mut self,
        requester: &Keypair,
        model: &Pubkey,
        nonce: u64,
    ) -> Pubkey {
        let ix = ix::create_request(&requester.pubkey(), model, request_args(nonce));
        self.send(&[ix], &[requester])
            .await
            .expect("create_request");
        pda::request(&requester.pubkey(), nonce)
    }

    /// Claims `request` for `oracle` with the request's current terms, passing the previous
    /// claimer when there is one.
    pub async fn claim(
        &mut self,
        oracle: &TestOracle,
        request: &Pubkey,
    ) -> Result<(), TransactionError> {
        let state: Request = self.account(request).await;
        self.send(
            &[ix::claim_request(&oracle.key(), request, &state)],
            &[&oracle.authority],
        )
        .await
    }

    /// Fulfils `request` with `output`, signed by the oracle's attestation key.
    pub async fn fulfill(
        &mut self,
        oracle: &TestOracle,
        request: &Pubkey,
        output: Payload,
    ) -> Result<(), TransactionError> {
        let state: Request = self.account(request).await;
        let model: Model = self.account(&state.model).await;
        let ixs = ix::fulfill_signed(
            &oracle.key(),
            &oracle.attestation,
            request,
            &state,
            model.onnx_sha256,
            output,
            execution_id(),
        );
        self.send(&ixs, &[&oracle.authority]).await
    }

    /// Reports a signed failure of `request` with `reason`.
    pub async fn fail(
        &mut self,
        oracle: &TestOracle,
        request: &Pubkey,
        reason: &str,
    ) -> Result<(), TransactionError> {
        let state: Request = self.account(request).await;
        let model: Model = self.account(&state.model).await;
        let ixs = ix::fail_signed(
            &oracle.key(),
            &oracle.attestation,
            request,
            &state,
            model.onnx_sha256,
            reason,
            execution_id(),
        );
        self.send(&ixs, &[&oracle.authority]).await
    }

    /// Settles `request` (anyone may; the bank's payer sends it).
    pub async fn settle(
        &mut self,
        request: &Pubkey,
        oracle_authority: &Pubkey,
    ) -> Result<(), TransactionError> {
        let keys = self.request_keys(request).await;
        self.send(&[ix::settle_request(&keys, oracle_authority)], &[])
            .await
    }

    /// Sends `finalize_dispute` for `request`'s dispute (anyone may).
    pub async fn finalize_dispute(&mut self, request: &Pubkey) -> Result<(), TransactionError> {
        let state: Request = self.account(request).await;
        let dispute: Dispute = self.account(&pda::dispute(request)).await;
        self.send(&[seats::finalize_dispute(request, &state, &dispute)], &[])
            .await
    }

    /// Expires `request`, passing its holder when it is claimed or challenged.
    pub async fn expire(&mut self, request: &Pubkey) -> Result<(), TransactionError> {
        let state: Request = self.account(request).await;
        self.send(
            &[ix::expire_request(request, ix::expiry_holder(&state))],
            &[],
        )
        .await
    }

    /// Closes `request`, signed by its requester (collecting any refund owed).
    pub async fn close(
        &mut self,
        requester: &Keypair,
        request: &Pubkey,
    ) -> Result<(), TransactionError> {
        let keys = self.request_keys(request).await;
        self.send(&[ix::close_request(&keys)], &[requester]).await
    }

    /// The keys of `request` its instructions need, read from the chain.
    pub async fn request_keys(&mut self, request: &Pubkey) -> RequestKeys {
        let state: Request = self.account(request).await;
        let token_program = match state.mint {
            Some(mint) => self.owner_of(&mint).await,
            None => spl_token::ID,
        };
        RequestKeys::new(*request, &state, token_program)
    }

    /// The treasury recorded in the config.
    pub async fn config_treasury(&mut self) -> Pubkey {
        self.account::<Config>(&pda::config()).await.treasury
    }
}
