// Migrations are an early feature. Currently, they're nothing more than this
// single deploy script that's invoked from the CLI, injecting a provider
// configured from the workspace's Anchor.toml.

import * as anchor from "@anchor-lang/core";

module.exports = async function (provider: anchor.AnchorProvider) {
  // Configure the client to use the provider.
  anchor.setProvider(provider);

  // Initializing the protocol config (`initialize_config`) after deployment is
  // added by the dApp-developer issue.
};
