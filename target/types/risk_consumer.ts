/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/risk_consumer.json`.
 */
export type RiskConsumer = {
  "accounts": [
    {
      "discriminator": [
        170,
        188,
        143,
        228,
        122,
        64,
        247,
        208
      ],
      "name": "position"
    },
    {
      "discriminator": [
        211,
        8,
        232,
        43,
        2,
        152,
        117,
        119
      ],
      "name": "vault"
    }
  ],
  "address": "CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe",
  "constants": [
    {
      "docs": [
        "Seed prefix of a [`crate::state::Position`] PDA: `[\"position\", vault, borrower]`."
      ],
      "name": "seedPosition",
      "type": "bytes",
      "value": "[112, 111, 115, 105, 116, 105, 111, 110]"
    },
    {
      "docs": [
        "Seed prefix of a [`crate::state::Vault`] PDA: `[\"vault\", authority]`."
      ],
      "name": "seedVault",
      "type": "bytes",
      "value": "[118, 97, 117, 108, 116]"
    },
    {
      "docs": [
        "Seed prefix of a vault's wallet: `[\"wallet\", vault]`. A data-less, system-owned PDA that pays",
        "for inference; anyone may fund it with a plain SOL transfer."
      ],
      "name": "seedWallet",
      "type": "bytes",
      "value": "[119, 97, 108, 108, 101, 116]"
    }
  ],
  "errors": [
    {
      "code": 7000,
      "msg": "The risk threshold must be a finite number.",
      "name": "invalidThreshold"
    },
    {
      "code": 7001,
      "msg": "Position features must be as many finite numbers as the vault's model reads.",
      "name": "invalidFeatures"
    },
    {
      "code": 7002,
      "msg": "The model must take one row of 1 to 16 f32 features, return one f32 score and be paid in SOL.",
      "name": "unsuitableModel"
    },
    {
      "code": 7003,
      "msg": "The position is already waiting for a score.",
      "name": "positionPending"
    },
    {
      "code": 7004,
      "msg": "The position is not waiting for a score.",
      "name": "positionNotPending"
    },
    {
      "code": 7005,
      "msg": "The vault's wallet cannot pay the model price and the request rent.",
      "name": "walletUnderfunded"
    },
    {
      "code": 7006,
      "msg": "The request is for another model than the vault's.",
      "name": "wrongModel"
    },
    {
      "code": 7007,
      "msg": "The request was not paid by this vault's wallet.",
      "name": "foreignRequest"
    },
    {
      "code": 7008,
      "msg": "The request is not the one the position is waiting for.",
      "name": "notPendingRequest"
    },
    {
      "code": 7009,
      "msg": "The request has no usable result yet (open, claimed or challenged).",
      "name": "scoreNotReady"
    },
    {
      "code": 7010,
      "msg": "The result is not one inline little-endian f32 (exactly 4 bytes).",
      "name": "invalidScoreOutput"
    },
    {
      "code": 7011,
      "msg": "The result bytes do not hash to the request's output hash.",
      "name": "outputHashMismatch"
    },
    {
      "code": 7012,
      "msg": "Arithmetic overflow.",
      "name": "mathOverflow"
    },
    {
      "code": 7013,
      "msg": "An account's invariant does not hold; the instruction was aborted.",
      "name": "invariantViolated"
    },
    {
      "code": 7014,
      "msg": "The model asks fewer oracles to agree than the vault requires (or min_quorum is 0).",
      "name": "quorumTooLow"
    }
  ],
  "events": [
    {
      "discriminator": [
        44,
        150,
        26,
        216,
        69,
        115,
        75,
        92
      ],
      "name": "scoreApplied"
    },
    {
      "discriminator": [
        45,
        204,
        104,
        189,
        64,
        162,
        78,
        144
      ],
      "name": "scoreDropped"
    },
    {
      "discriminator": [
        68,
        84,
        114,
        224,
        61,
        134,
        127,
        71
      ],
      "name": "scoreRequested"
    }
  ],
  "instructions": [
    {
      "accounts": [
        {
          "name": "vault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          }
        },
        {
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          }
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "account": "position",
                "kind": "account",
                "path": "position.borrower"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        48,
        220,
        89,
        116,
        249,
        13,
        235,
        202
      ],
      "docs": [
        "Anyone: reads the result of the request the position waits for and marks the position",
        "healthy or flagged. A request that ended without a result (failed, expired, refunded)",
        "releases the position to unscored instead."
      ],
      "name": "applyScore"
    },
    {
      "accounts": [
        {
          "docs": [
            "Creates the vault (one per authority) and pays its rent."
          ],
          "name": "authority",
          "signer": true,
          "writable": true
        },
        {
          "docs": [
            "Created here, also when someone funded its address first."
          ],
          "name": "vault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "authority"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The model that will score positions. `Account<Model>` checks that inference_escrow owns",
            "it and that it is a Model; its schemas are checked in `validate`."
          ],
          "name": "model"
        },
        {
          "docs": [
            "The vault's wallet. Nothing is created: a system account springs into existence when",
            "someone sends it SOL. Passed only so that Anchor derives (and we store) its bump."
          ],
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          }
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        }
      ],
      "args": [
        {
          "name": "riskThreshold",
          "type": "f32"
        },
        {
          "name": "maxPrice",
          "type": "u64"
        },
        {
          "name": "challenger",
          "type": "pubkey"
        },
        {
          "name": "minQuorum",
          "type": "u8"
        }
      ],
      "discriminator": [
        77,
        79,
        85,
        150,
        33,
        217,
        52,
        106
      ],
      "docs": [
        "Creates the signer's vault, scored by `model` (an inference_escrow Model taking one row of",
        "1 to 16 f32 features and returning one f32, priced in SOL: else `UnsuitableModel`). A score above",
        "`risk_threshold` (finite, else `InvalidThreshold`) flags a position. The vault pays at",
        "most `max_price` lamports per score, whatever the model's owner later sets. Fund the",
        "vault's wallet `[\"wallet\", vault]` with a plain SOL transfer before requesting scores.",
        "Every request names `challenger` (a keeper key) as the one who may dispute its result;",
        "the model must have at least `min_quorum` oracles agree on each score (`QuorumTooLow`)."
      ],
      "name": "initVault"
    },
    {
      "accounts": [
        {
          "docs": [
            "The borrower; pays the position's rent."
          ],
          "name": "borrower",
          "signer": true,
          "writable": true
        },
        {
          "name": "vault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          }
        },
        {
          "docs": [
            "Created here, also when someone funded its address first (an address anyone can",
            "derive: with Anchor's `init`, one lamport sent there would lock the borrower out)."
          ],
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "kind": "account",
                "path": "borrower"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        }
      ],
      "args": [
        {
          "name": "features",
          "type": {
            "vec": "f32"
          }
        }
      ],
      "discriminator": [
        135,
        128,
        47,
        77,
        15,
        152,
        240,
        49
      ],
      "docs": [
        "A borrower opens its position in a vault with its `features` (as many as the vault's",
        "model reads, all finite, else `InvalidFeatures`) and pays its rent. Starts unscored."
      ],
      "name": "openPosition"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "signer": true
        },
        {
          "name": "vault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "authority"
              }
            ]
          }
        },
        {
          "docs": [
            "The requester of the request: signs `close_request` by CPI and receives the rent."
          ],
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "Must be terminal (Settled, Failed, Expired or Refunded): inference_escrow checks that",
            "(and its seeds) and fails with its own `RequestNotTerminal` otherwise."
          ],
          "name": "request",
          "writable": true
        },
        {
          "docs": [
            "inference_escrow's event authority (first of its two `#[event_cpi]` accounts)."
          ],
          "name": "escrowEventAuthority",
          "pda": {
            "program": {
              "kind": "const",
              "value": [
                20,
                86,
                113,
                96,
                239,
                131,
                32,
                191,
                227,
                226,
                124,
                78,
                55,
                8,
                81,
                16,
                19,
                82,
                25,
                46,
                129,
                214,
                119,
                220,
                152,
                114,
                159,
                134,
                200,
                121,
                128,
                181
              ]
            },
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "escrowProgram"
        }
      ],
      "args": [],
      "discriminator": [
        42,
        102,
        8,
        254,
        153,
        113,
        65,
        171
      ],
      "docs": [
        "Vault authority: closes a terminal request of the vault's wallet, returning its rent to",
        "the wallet."
      ],
      "name": "reclaimRequest"
    },
    {
      "accounts": [
        {
          "name": "vault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "account": "position",
                "kind": "account",
                "path": "position.borrower"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The payer of the inference: the requester of the escrow request, signing by CPI."
          ],
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "escrowConfig",
          "pda": {
            "program": {
              "kind": "const",
              "value": [
                20,
                86,
                113,
                96,
                239,
                131,
                32,
                191,
                227,
                226,
                124,
                78,
                55,
                8,
                81,
                16,
                19,
                82,
                25,
                46,
                129,
                214,
                119,
                220,
                152,
                114,
                159,
                134,
                200,
                121,
                128,
                181
              ]
            },
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "model",
          "relations": [
            "vault"
          ]
        },
        {
          "docs": [
            "The request inference_escrow creates: `[\"request\", wallet, next_nonce]` under the escrow."
          ],
          "name": "request",
          "pda": {
            "program": {
              "kind": "const",
              "value": [
                20,
                86,
                113,
                96,
                239,
                131,
                32,
                191,
                227,
                226,
                124,
                78,
                55,
                8,
                81,
                16,
                19,
                82,
                25,
                46,
                129,
                214,
                119,
                220,
                152,
                114,
                159,
                134,
                200,
                121,
                128,
                181
              ]
            },
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "wallet"
              },
              {
                "account": "vault",
                "kind": "account",
                "path": "vault.next_nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "inference_escrow's event authority (first of its two `#[event_cpi]` accounts)."
          ],
          "name": "escrowEventAuthority",
          "pda": {
            "program": {
              "kind": "const",
              "value": [
                20,
                86,
                113,
                96,
                239,
                131,
                32,
                191,
                227,
                226,
                124,
                78,
                55,
                8,
                81,
                16,
                19,
                82,
                25,
                46,
                129,
                214,
                119,
                220,
                152,
                114,
                159,
                134,
                200,
                121,
                128,
                181
              ]
            },
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "escrowProgram"
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "requestScoreArgs"
            }
          }
        }
      ],
      "discriminator": [
        98,
        94,
        241,
        209,
        46,
        205,
        22,
        203
      ],
      "docs": [
        "Anyone (a keeper): asks inference_escrow to score a position that is not already waiting",
        "(`PositionPending`). The vault's wallet pays the model price and the request rent",
        "(`WalletUnderfunded` if it cannot). The request is `[\"request\", wallet, next_nonce]`",
        "under inference_escrow and must be claimed and fulfilled within `ttl_slots`."
      ],
      "name": "requestScore"
    },
    {
      "accounts": [
        {
          "name": "borrower",
          "signer": true
        },
        {
          "name": "vault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          }
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "kind": "account",
                "path": "borrower"
              }
            ]
          },
          "writable": true
        }
      ],
      "args": [
        {
          "name": "features",
          "type": {
            "vec": "f32"
          }
        }
      ],
      "discriminator": [
        102,
        75,
        42,
        126,
        57,
        196,
        156,
        9
      ],
      "docs": [
        "The borrower replaces its `features`; the position is unscored again (a pending request",
        "is abandoned)."
      ],
      "name": "updatePosition"
    }
  ],
  "metadata": {
    "description": "Example dApp: a lending vault that scores borrower risk with inference_escrow by CPI.",
    "name": "riskConsumer",
    "spec": "0.1.0",
    "version": "0.1.0"
  },
  "types": [
    {
      "docs": [
        "When two outputs of a model agree. Outputs are compared on-chain, on their inline bytes.",
        "",
        "Tolerances are `f32` bit patterns (money never touches floats; the program only reads them",
        "as numbers where outputs are compared), validated at registration: finite, non-negative."
      ],
      "name": "compareRule",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "exact"
          },
          {
            "fields": [
              {
                "docs": [
                  "Absolute tolerance, `f32` bits."
                ],
                "name": "absBits",
                "type": "u32"
              },
              {
                "docs": [
                  "Relative tolerance, `f32` bits."
                ],
                "name": "relBits",
                "type": "u32"
              }
            ],
            "name": "tolerance"
          },
          {
            "name": "argmax"
          },
          {
            "fields": [
              {
                "docs": [
                  "Absolute tolerance, `f32` bits."
                ],
                "name": "absBits",
                "type": "u32"
              },
              {
                "docs": [
                  "Relative tolerance, `f32` bits."
                ],
                "name": "relBits",
                "type": "u32"
              }
            ],
            "name": "median"
          }
        ]
      }
    },
    {
      "docs": [
        "Protocol parameters, set once by `initialize_config` and changed by the admin. Also holds,",
        "as lamports above its rent, the slashed claim bonds owed to the treasury."
      ],
      "name": "config",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "Config authority and challenge arbiter."
            ],
            "name": "admin",
            "type": "pubkey"
          },
          {
            "docs": [
              "Wallet that receives protocol fees and slashed bonds (its token accounts, for SPL fees)."
            ],
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "docs": [
              "Protocol fee taken from each settled price, in basis points."
            ],
            "name": "protocolFeeBps",
            "type": "u16"
          },
          {
            "docs": [
              "Lamports an oracle must have staked to claim requests."
            ],
            "name": "minOracleStake",
            "type": "u64"
          },
          {
            "docs": [
              "Smallest claim bond, in lamports: a claim locks `max(min_claim_bond, price *",
              "claim_bond_bps / 10_000)` of the claimer's stake until the request ends."
            ],
            "name": "minClaimBond",
            "type": "u64"
          },
          {
            "docs": [
              "Claim bond as a share of the request's price, in basis points."
            ],
            "name": "claimBondBps",
            "type": "u16"
          },
          {
            "docs": [
              "A claim older than this many slots may be taken over by another oracle."
            ],
            "name": "claimTimeoutSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Slots after fulfilment during which the requester may challenge the result."
            ],
            "name": "challengeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Slots between `begin_unbonding` and the earliest `withdraw_stake`."
            ],
            "name": "unbondingSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Slots the arbiter has to resolve a challenge; after them anyone may end the request",
              "with a full refund and no slash."
            ],
            "name": "arbitrationTimeoutSlots",
            "type": "u64"
          },
          {
            "docs": [
              "A claim is refused when fewer slots than this remain before the request's deadline."
            ],
            "name": "minFulfilSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Quorum requests and dispute rounds: slots after the commit deadline during which",
              "committed seats may still reveal."
            ],
            "name": "revealWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports a challenger posts to open a re-execution round (paid to the re-executing",
              "oracles when the result is confirmed, returned otherwise)."
            ],
            "name": "challengeBond",
            "type": "u64"
          },
          {
            "docs": [
              "Seats of a dispute's re-execution round (its quorum is a majority of them)."
            ],
            "name": "disputeReplicas",
            "type": "u8"
          },
          {
            "docs": [
              "Slots a dispute round's seats have to claim and commit, from the challenge."
            ],
            "name": "disputeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Shortest time-to-live a requester may give a request, in slots."
            ],
            "name": "minRequestTtlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Longest time-to-live a requester may give a request, in slots."
            ],
            "name": "maxRequestTtlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Longest inline request input, in bytes."
            ],
            "name": "maxInputLen",
            "type": "u32"
          },
          {
            "docs": [
              "Longest inline result output, in bytes; larger outputs are posted by URI."
            ],
            "name": "maxOutputLen",
            "type": "u32"
          },
          {
            "docs": [
              "Lamports of slashed claim bonds held in this account for the treasury."
            ],
            "name": "slashedOwed",
            "type": "u64"
          },
          {
            "docs": [
              "While set, no request can be created or claimed and no oracle registers; results,",
              "settlement, refunds and payouts still run."
            ],
            "name": "paused",
            "type": "bool"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Element type of a tensor, as ONNX names it. Inline tensors are packed little-endian."
      ],
      "name": "dType",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "f32"
          },
          {
            "name": "f64"
          },
          {
            "name": "f16"
          },
          {
            "name": "i8"
          },
          {
            "name": "i16"
          },
          {
            "name": "i32"
          },
          {
            "name": "i64"
          },
          {
            "name": "u8"
          },
          {
            "name": "bool"
          }
        ]
      }
    },
    {
      "docs": [
        "Request or result data: inline bytes, or a URI whose content hash is recorded beside it."
      ],
      "name": "dataRef",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "fields": [
              "bytes"
            ],
            "name": "inline"
          },
          {
            "fields": [
              "string"
            ],
            "name": "uri"
          }
        ]
      }
    },
    {
      "docs": [
        "A registered ONNX model: what it computes, what it costs, who earns its royalty, and the",
        "royalty and protocol fees owed from its settled requests.",
        "",
        "Owed amounts are in the model's payment unit. For a SOL model they are lamports held in this",
        "account above its rent; for an SPL model, tokens held in its fee vault `[\"fee_vault\", model]`",
        "(which also holds the oracles' shares, `oracle_fees_owed`, itemized in their",
        "[`super::Earnings`] accounts)."
      ],
      "name": "model",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "Registrant; the only signer allowed to update it, and the royalty payee."
            ],
            "name": "owner",
            "type": "pubkey"
          },
          {
            "docs": [
              "Owner-chosen identifier, part of the PDA seeds."
            ],
            "name": "modelId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "SHA-256 of the ONNX file; oracles refuse to serve a file that hashes otherwise."
            ],
            "name": "onnxSha256",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "Schema the request input must match."
            ],
            "name": "inputSchema",
            "type": {
              "defined": {
                "name": "tensorSchema"
              }
            }
          },
          {
            "docs": [
              "Schema the result output must match."
            ],
            "name": "outputSchema",
            "type": {
              "defined": {
                "name": "tensorSchema"
              }
            }
          },
          {
            "docs": [
              "Largest output in bytes: exact for a static output schema, declared at registration for",
              "a dynamic one. Requests reserve this much inline space when it fits the config's inline",
              "limit, and only URI space otherwise."
            ],
            "name": "maxOutputLen",
            "type": "u32"
          },
          {
            "docs": [
              "How many oracles run each request, and when their outputs agree (fixed at registration)."
            ],
            "name": "policy",
            "type": {
              "defined": {
                "name": "verificationPolicy"
              }
            }
          },
          {
            "docs": [
              "Price of one inference, in lamports or in base units of `mint`."
            ],
            "name": "price",
            "type": "u64"
          },
          {
            "docs": [
              "Payment mint; `None` means SOL."
            ],
            "name": "mint",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "docs": [
              "Share of each settled price paid to the owner, in basis points."
            ],
            "name": "royaltyBps",
            "type": "u16"
          },
          {
            "docs": [
              "Where the ONNX file can be fetched."
            ],
            "name": "uri",
            "type": "string"
          },
          {
            "docs": [
              "Only active models accept new requests."
            ],
            "name": "active",
            "type": "bool"
          },
          {
            "docs": [
              "Royalty owed to the owner, not yet collected."
            ],
            "name": "royaltyOwed",
            "type": "u64"
          },
          {
            "docs": [
              "Protocol fees owed to the treasury, not yet collected."
            ],
            "name": "protocolFeeOwed",
            "type": "u64"
          },
          {
            "docs": [
              "SPL models: oracles' shares held in the fee vault, not yet collected (the sum of their",
              "`Earnings::owed`). Always zero for SOL models, whose oracle shares sit in the oracles'",
              "own accounts."
            ],
            "name": "oracleFeesOwed",
            "type": "u64"
          },
          {
            "docs": [
              "Requests settled (paid) for this model. Nothing about the model is written when a request",
              "is created, so requests never contend for the model account."
            ],
            "name": "requestsSettled",
            "type": "u64"
          },
          {
            "docs": [
              "Royalties earned across settled requests (a statistic; saturates rather than fail)."
            ],
            "name": "royaltiesEarned",
            "type": "u64"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          },
          {
            "docs": [
              "Bump of the fee vault PDA; zero for SOL models."
            ],
            "name": "feeVaultBump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One borrower's position in a vault: the features the model scores, and the verdict."
      ],
      "name": "position",
      "type": {
        "fields": [
          {
            "docs": [
              "The vault it belongs to."
            ],
            "name": "vault",
            "type": "pubkey"
          },
          {
            "docs": [
              "The borrower; pays the rent and alone may change the features."
            ],
            "name": "borrower",
            "type": "pubkey"
          },
          {
            "docs": [
              "Model input, in the order the vault's model reads them (`vault.feature_count` of them)."
            ],
            "name": "features",
            "type": {
              "vec": "f32"
            }
          },
          {
            "docs": [
              "Risk assessment."
            ],
            "name": "status",
            "type": {
              "defined": {
                "name": "positionStatus"
              }
            }
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Where a position's risk assessment stands."
      ],
      "name": "positionStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "unscored"
          },
          {
            "fields": [
              {
                "name": "request",
                "type": "pubkey"
              }
            ],
            "name": "pending"
          },
          {
            "fields": [
              {
                "name": "score",
                "type": "f32"
              }
            ],
            "name": "healthy"
          },
          {
            "fields": [
              {
                "name": "score",
                "type": "f32"
              }
            ],
            "name": "flagged"
          }
        ]
      }
    },
    {
      "docs": [
        "One paid inference request. For SOL payments the escrow is held as lamports in this account",
        "above its rent; for SPL payments in the token account at `[\"vault\", request]`.",
        "",
        "Layout rule: `version`, `requester`, `model`, `nonce` and the status tag (followed by the",
        "status's oracle) sit at fixed offsets (8, 9, 41, 73, 81, 82) so clients can filter with",
        "`memcmp`; variable-size fields come after."
      ],
      "name": "request",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "Payer of the escrow and rent; owed refunds, and the rent on close."
            ],
            "name": "requester",
            "type": "pubkey"
          },
          {
            "docs": [
              "Model account to run."
            ],
            "name": "model",
            "type": "pubkey"
          },
          {
            "docs": [
              "Requester-chosen nonce, part of the PDA seeds."
            ],
            "name": "nonce",
            "type": "u64"
          },
          {
            "docs": [
              "Lifecycle status."
            ],
            "name": "status",
            "type": {
              "defined": {
                "name": "requestStatus"
              }
            }
          },
          {
            "docs": [
              "Model price when the request was created; what was escrowed."
            ],
            "name": "price",
            "type": "u64"
          },
          {
            "docs": [
              "Protocol fee when the request was created, in basis points."
            ],
            "name": "protocolFeeBps",
            "type": "u16"
          },
          {
            "docs": [
              "Model royalty when the request was created, in basis points."
            ],
            "name": "royaltyBps",
            "type": "u16"
          },
          {
            "docs": [
              "Challenge window when the request was created, in slots: the requester's terms do not",
              "move under a later config change."
            ],
            "name": "challengeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Payment mint; `None` means SOL."
            ],
            "name": "mint",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "docs": [
              "Amount held for this request (SOL: lamports above rent; SPL: in its vault): the price",
              "until it is paid out to the payees' owed balances, and after a refund until the",
              "requester collects it on close."
            ],
            "name": "escrow",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of the holder's stake locked as its claim bond; zero when no oracle holds it."
            ],
            "name": "bond",
            "type": "u64"
          },
          {
            "docs": [
              "Slot the request was created at."
            ],
            "name": "createdSlot",
            "type": "u64"
          },
          {
            "docs": [
              "Last slot at which it may be claimed (with `min_fulfil_slots` to spare) or fulfilled."
            ],
            "name": "deadlineSlot",
            "type": "u64"
          },
          {
            "docs": [
              "SHA-256 of the input bytes."
            ],
            "name": "inputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "The input, inline or by URI."
            ],
            "name": "input",
            "type": {
              "defined": {
                "name": "dataRef"
              }
            }
          },
          {
            "docs": [
              "SHA-256 of the output bytes (or of the failure reason); zero until a result is posted."
            ],
            "name": "outputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "The output, inline or by URI, once fulfilled."
            ],
            "name": "output",
            "type": {
              "option": {
                "defined": {
                  "name": "dataRef"
                }
              }
            }
          },
          {
            "docs": [
              "What ran the model, as its oracle signed it: SHA-256 of `runtime/version/provider`",
              "(e.g. `onnxruntime/1.31.1/cpu`); zero until a result is posted."
            ],
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "Bytes reserved for an inline output; zero when the output must be posted by URI."
            ],
            "name": "outputCapacity",
            "type": "u32"
          },
          {
            "docs": [
              "Program the requester wants notified of the result (advisory; the oracle may call it)."
            ],
            "name": "callbackProgram",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          },
          {
            "docs": [
              "Bump of the SPL vault PDA; zero for SOL requests."
            ],
            "name": "vaultBump",
            "type": "u8"
          },
          {
            "docs": [
              "The model's verification policy when the request was created."
            ],
            "name": "policy",
            "type": {
              "defined": {
                "name": "verificationPolicy"
              }
            }
          },
          {
            "docs": [
              "Quorum requests: the last slot at which a committed seat may reveal (the deadline plus",
              "the config's `reveal_window_slots` at creation)."
            ],
            "name": "revealDeadlineSlot",
            "type": "u64"
          },
          {
            "docs": [
              "Quorum requests: the seats, in the order they were claimed (at most `policy.replicas`)."
            ],
            "name": "seats",
            "type": {
              "vec": {
                "defined": {
                  "name": "seat"
                }
              }
            }
          },
          {
            "docs": [
              "Quorum requests, once finalized with a consensus: bit `i` set when seat `i` agrees."
            ],
            "name": "agreed",
            "type": "u8"
          },
          {
            "docs": [
              "Whether the result was challenged and found right (by re-execution or the arbiter): it",
              "settles without waiting out the challenge window, and cannot be challenged again."
            ],
            "name": "disputed",
            "type": "bool"
          },
          {
            "docs": [
              "Who besides the requester may challenge the result (a keeper key, or a program's PDA",
              "for requests made by CPI)."
            ],
            "name": "challenger",
            "type": {
              "option": "pubkey"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestScoreArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "Slots the oracles have to claim and fulfil (at most the escrow's `max_request_ttl_slots`)."
            ],
            "name": "ttlSlots",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Where a request is in its lifecycle (docs/protocol.md has the diagram)."
      ],
      "name": "requestStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "claimed"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "fulfilled"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "fulfilledSlot",
                "type": "u64"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "challenged"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "settled"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "failed"
          },
          {
            "fields": [
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "expired"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "refunded"
          }
        ]
      }
    },
    {
      "docs": [
        "`apply_score` read the result and healthy-or-flagged the position."
      ],
      "name": "scoreApplied",
      "type": {
        "fields": [
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "score",
            "type": "f32"
          },
          {
            "docs": [
              "Whether `score` is above the vault's threshold."
            ],
            "name": "flagged",
            "type": "bool"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "`apply_score` found that the request ended without a result (failed, expired or refunded):",
        "the position is back to unscored and may be requested again."
      ],
      "name": "scoreDropped",
      "type": {
        "fields": [
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "`request_score` created an inference request for a position."
      ],
      "name": "scoreRequested",
      "type": {
        "fields": [
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "docs": [
              "The inference_escrow Request account."
            ],
            "name": "request",
            "type": "pubkey"
          },
          {
            "docs": [
              "Its nonce (the vault's counter before the increment)."
            ],
            "name": "nonce",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One oracle's seat in a quorum request."
      ],
      "name": "seat",
      "type": {
        "fields": [
          {
            "docs": [
              "The Oracle account holding the seat."
            ],
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "docs": [
              "Lamports of its stake locked for this seat (zero once released or slashed)."
            ],
            "name": "bond",
            "type": "u64"
          },
          {
            "docs": [
              "Where the seat stands."
            ],
            "name": "state",
            "type": {
              "defined": {
                "name": "seatState"
              }
            }
          },
          {
            "docs": [
              "`sha256(sha256(output) || salt || oracle)`, signed by the oracle's attestation key."
            ],
            "name": "commitment",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "What ran the model, as signed with the commitment."
            ],
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "The revealed output (empty until revealed)."
            ],
            "name": "output",
            "type": "bytes"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Where a quorum request's seat stands."
      ],
      "name": "seatState",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "claimed"
          },
          {
            "name": "committed"
          },
          {
            "name": "revealed"
          },
          {
            "name": "failed"
          }
        ]
      }
    },
    {
      "docs": [
        "A tensor's element type and shape; a dimension of [`DYNAMIC_DIM`] (-1) accepts any size."
      ],
      "name": "tensorSchema",
      "type": {
        "fields": [
          {
            "docs": [
              "Element type."
            ],
            "name": "dtype",
            "type": {
              "defined": {
                "name": "dType"
              }
            }
          },
          {
            "docs": [
              "Dimensions, outermost first: positive sizes or -1 for dynamic."
            ],
            "name": "shape",
            "type": {
              "vec": "i32"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A lending vault: which model scores its borrowers and where the line between healthy and",
        "flagged is. Its wallet (`[\"wallet\", vault]`) pays for every inference."
      ],
      "name": "vault",
      "type": {
        "fields": [
          {
            "docs": [
              "Creator of the vault, part of its seeds; the only signer that may reclaim request rent."
            ],
            "name": "authority",
            "type": "pubkey"
          },
          {
            "docs": [
              "The inference_escrow Model account that scores positions (checked at `init_vault`)."
            ],
            "name": "model",
            "type": "pubkey"
          },
          {
            "docs": [
              "A score above this flags the position; at or below it the position is healthy."
            ],
            "name": "riskThreshold",
            "type": "f32"
          },
          {
            "docs": [
              "The most the vault pays for one score: the model's owner may raise its price at any",
              "time, and the escrow refuses a request whose price is above this (`PriceAboveMax`)."
            ],
            "name": "maxPrice",
            "type": "u64"
          },
          {
            "docs": [
              "Who may dispute the vault's scores: every request names it as the challenger (the",
              "wallet, a PDA, cannot sign a challenge with a bond by itself). A keeper key that watches",
              "results and challenges wrong ones within the challenge window."
            ],
            "name": "challenger",
            "type": "pubkey"
          },
          {
            "docs": [
              "Fewest oracles that must agree on a score (the model's `policy.quorum`, checked at",
              "`init_vault`): 1 accepts a single-oracle model."
            ],
            "name": "minQuorum",
            "type": "u8"
          },
          {
            "docs": [
              "Features of every position: the model's input is one row of this many f32."
            ],
            "name": "featureCount",
            "type": "u8"
          },
          {
            "docs": [
              "Nonce of the next inference request; the request PDA is",
              "`[\"request\", wallet, next_nonce (u64 le)]` under inference_escrow."
            ],
            "name": "nextNonce",
            "type": "u64"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          },
          {
            "docs": [
              "Bump of the wallet PDA `[\"wallet\", vault]`."
            ],
            "name": "walletBump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "How many oracles run each request of a model, and when their outputs agree."
      ],
      "name": "verificationPolicy",
      "type": {
        "fields": [
          {
            "docs": [
              "Seats per request (n): 1 is a single-oracle request (claim, fulfil); 2..=7 a quorum",
              "request (seats, commit, reveal)."
            ],
            "name": "replicas",
            "type": "u8"
          },
          {
            "docs": [
              "Agreeing outputs needed (k): a majority of `replicas` or more."
            ],
            "name": "quorum",
            "type": "u8"
          },
          {
            "docs": [
              "When two outputs agree."
            ],
            "name": "compare",
            "type": {
              "defined": {
                "name": "compareRule"
              }
            }
          }
        ],
        "kind": "struct"
      }
    }
  ]
};
