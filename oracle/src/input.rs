//! Loading a request's input: inline bytes as they are, or the bytes behind a URI, which must
//! hash (SHA-256) to the request's `input_hash` (the program records the hash but cannot check
//! the URI).
//!
//! Every URI is hostile: the requester chooses it, and an oracle that a fetch kills or hangs
//! misses its deadline and is slashed. So a fetch follows an [`InputPolicy`]:
//!
//! * **Size.** At most [`InputPolicy::max_bytes`], counted on the bytes actually read or
//!   streamed; a reported length (`Content-Length`, a file's size) only ever refuses early,
//!   it is never trusted to allow.
//! * **Time.** The whole fetch (name resolution, connect, headers and body; or open and read)
//!   runs under [`InputPolicy::timeout_ms`].
//! * **`file://`** is off unless [`InputPolicy::file_roots`] lists directories. The path is
//!   canonicalized (symlinks resolved) and must lie under a canonicalized root; it is opened
//!   with `O_NONBLOCK | O_NOFOLLOW`, so neither a FIFO nor a device can block the open nor a
//!   symlink swapped in after the check be followed, and the opened handle must be a regular
//!   file (`/dev/zero`, FIFOs, sockets and directories are refused before any read). It is
//!   read on a blocking thread. A missing file, a file outside the roots and one that is not
//!   regular give the same reason, so requesters cannot probe the oracle's disk.
//! * **`http://` and `https://`.** The oracle resolves the host itself and refuses it if any
//!   address is not public ([`is_public_ip`]: loopback, private, link-local, CGNAT, unique-local,
//!   multicast, documentation, ...; IPv4-mapped IPv6 included) unless
//!   [`InputPolicy::allow_private_hosts`]; the connection is then pinned to the checked
//!   addresses, so a DNS answer that changes between check and connect cannot redirect it.
//!   Redirects are not followed (a 3xx, like any non-2xx status, is "unreachable"), proxies
//!   are not used, and the body is streamed and abandoned as soon as it passes the cap.
//! * **Other schemes** are refused.
//!
//! An [`InputError`]'s `Display` is the short reason the oracle publishes on chain in its signed
//! failure (at most 128 bytes): a category, never a path, host, address, OS or library error.
//! The detail for local logs is [`InputError::detail`]; [`InputError::category`] labels metrics.

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use inference_escrow_client::DataRef;
use reqwest::Url;
use sha2::{Digest, Sha256};

/// What the oracle accepts as a request's input behind a URI (a section of the oracle's
/// configuration).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct InputPolicy {
    /// Largest input accepted, in bytes; enforced on the bytes streamed, never on a reported
    /// length.
    pub max_bytes: u64,
    /// Longest a whole fetch (connect, headers, body; or open + read for files) may take, in
    /// milliseconds.
    pub timeout_ms: u64,
    /// Directories `file://` inputs may be read from; empty (the default) turns `file://` off.
    pub file_roots: Vec<PathBuf>,
    /// Allows `http(s)://` hosts that resolve to loopback, private, link-local, CGNAT,
    /// unique-local, multicast, unspecified or documentation ranges (IPv4 and IPv6, incl.
    /// IPv4-mapped IPv6). Off by default.
    pub allow_private_hosts: bool,
}

impl InputPolicy {
    /// [`InputPolicy::max_bytes`] by default: 16 MiB.
    pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;
    /// [`InputPolicy::timeout_ms`] by default: 10 s.
    pub const DEFAULT_TIMEOUT_MS: u64 = 10_000;

    fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

impl Default for InputPolicy {
    /// The safe policy: inputs up to 16 MiB ([`InputPolicy::DEFAULT_MAX_BYTES`]) fetched within
    /// 10 s ([`InputPolicy::DEFAULT_TIMEOUT_MS`]) from public `http(s)://` hosts only; no
    /// `file://` and no private hosts.
    fn default() -> Self {
        Self {
            max_bytes: Self::DEFAULT_MAX_BYTES,
            timeout_ms: Self::DEFAULT_TIMEOUT_MS,
            file_roots: Vec::new(),
            allow_private_hosts: false,
        }
    }
}

/// Why an input could not be loaded. Every case is the request's fault: the oracle signs a
/// failure with the `Display` text as the reason, published on chain, so it names the category
/// only (at most 128 bytes, no path, host, address or error text). `detail` says more, for local
/// logs only.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    /// The URI's scheme is not `http` or `https`, or `file` while no file roots are configured.
    #[error("input URI scheme not allowed")]
    SchemeNotAllowed { detail: String },
    /// More than [`InputPolicy::max_bytes`].
    #[error("input larger than the oracle's limit")]
    TooLarge { detail: String },
    /// The fetch took longer than [`InputPolicy::timeout_ms`].
    #[error("input fetch timed out")]
    TimedOut { detail: String },
    /// Nothing readable there: a malformed URI, a connection or HTTP failure, a non-2xx status
    /// (redirects included), or a file that is missing, outside the roots or not regular (all
    /// alike, so that the reason does not reveal what exists on the oracle's disk).
    #[error("input URI unreachable")]
    Unreachable { detail: String },
    /// The host is or resolves to an address that is not public.
    #[error("input host not allowed")]
    HostNotAllowed { detail: String },
    /// The bytes do not hash to the request's `input_hash`.
    #[error("input does not match the request's input_hash")]
    HashMismatch { detail: String },
}

impl InputError {
    /// What happened, for local logs only (it may name paths, hosts and addresses, which the
    /// `Display` reason never does).
    pub fn detail(&self) -> &str {
        match self {
            Self::SchemeNotAllowed { detail }
            | Self::TooLarge { detail }
            | Self::TimedOut { detail }
            | Self::Unreachable { detail }
            | Self::HostNotAllowed { detail }
            | Self::HashMismatch { detail } => detail,
        }
    }

    /// A short snake_case label for metrics.
    pub fn category(&self) -> &'static str {
        match self {
            Self::SchemeNotAllowed { .. } => "scheme",
            Self::TooLarge { .. } => "too_large",
            Self::TimedOut { .. } => "timeout",
            Self::Unreachable { .. } => "unreachable",
            Self::HostNotAllowed { .. } => "host",
            Self::HashMismatch { .. } => "hash",
        }
    }
}

/// Longest `detail` kept, in bytes: details quote hostile URIs, so they are bounded too.
const MAX_DETAIL_BYTES: usize = 512;

fn bounded(mut detail: String) -> String {
    if detail.len() > MAX_DETAIL_BYTES {
        let mut end = MAX_DETAIL_BYTES;
        while !detail.is_char_boundary(end) {
            end -= 1;
        }
        detail.truncate(end);
        detail.push('…');
    }
    detail
}

fn scheme_not_allowed(detail: impl Into<String>) -> InputError {
    InputError::SchemeNotAllowed {
        detail: bounded(detail.into()),
    }
}

fn too_large(detail: impl Into<String>) -> InputError {
    InputError::TooLarge {
        detail: bounded(detail.into()),
    }
}

fn timed_out(detail: impl Into<String>) -> InputError {
    InputError::TimedOut {
        detail: bounded(detail.into()),
    }
}

fn unreachable(detail: impl Into<String>) -> InputError {
    InputError::Unreachable {
        detail: bounded(detail.into()),
    }
}

fn host_not_allowed(detail: impl Into<String>) -> InputError {
    InputError::HostNotAllowed {
        detail: bounded(detail.into()),
    }
}

/// The request's input bytes: `input` itself when inline, else the bytes at its URI (fetched
/// under `policy`), which must hash to `input_hash`.
pub async fn load(
    input: &DataRef,
    input_hash: &[u8; 32],
    policy: &InputPolicy,
) -> Result<Vec<u8>, InputError> {
    match input {
        DataRef::Inline(bytes) => Ok(bytes.clone()),
        DataRef::Uri(uri) => {
            let bytes = fetch(uri, policy).await?;
            let hash: [u8; 32] = Sha256::digest(&bytes).into();
            if &hash != input_hash {
                return Err(InputError::HashMismatch {
                    detail: format!(
                        "{} bytes with sha256 {}, expected {}",
                        bytes.len(),
                        hex(&hash),
                        hex(input_hash)
                    ),
                });
            }
            Ok(bytes)
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The bytes at `uri` (`http://`, `https://`, or `file://` under [`InputPolicy::file_roots`]),
/// at most [`InputPolicy::max_bytes`], within [`InputPolicy::timeout_ms`]. See the module
/// documentation for the rules.
pub async fn fetch(uri: &str, policy: &InputPolicy) -> Result<Vec<u8>, InputError> {
    let url =
        Url::parse(uri).map_err(|err| unreachable(format!("malformed URI {uri:?}: {err}")))?;
    let timeout = policy.timeout();
    let fetched = match url.scheme() {
        "file" if !policy.file_roots.is_empty() => {
            tokio::time::timeout(timeout, fetch_file(url, policy)).await
        }
        "http" | "https" => tokio::time::timeout(timeout, fetch_http(url, policy)).await,
        scheme => {
            return Err(scheme_not_allowed(format!(
                "scheme {scheme:?} not allowed (file roots configured: {})",
                !policy.file_roots.is_empty()
            )))
        }
    };
    fetched.unwrap_or_else(|_| {
        Err(timed_out(format!(
            "{uri:?} not fetched within {} ms",
            policy.timeout_ms
        )))
    })
}

/// A `file://` URI, read on a blocking thread (the caller bounds the time).
async fn fetch_file(url: Url, policy: &InputPolicy) -> Result<Vec<u8>, InputError> {
    let path = url
        .to_file_path()
        .map_err(|()| unreachable(format!("{:?} is not a local absolute path", url.as_str())))?;
    let roots = policy.file_roots.clone();
    let max_bytes = policy.max_bytes;
    tokio::task::spawn_blocking(move || read_file(&path, &roots, max_bytes))
        .await
        .map_err(|err| unreachable(format!("file reader failed: {err}")))?
}

/// The regular file at `path` if it lies under one of `roots` (both canonicalized), at most
/// `max_bytes`. Anything not allowed is [`InputError::Unreachable`], whether it exists or not.
fn read_file(path: &Path, roots: &[PathBuf], max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let not_available = |why: &str| unreachable(format!("file {path:?} refused: {why}"));
    if !path.is_absolute() {
        return Err(not_available("not absolute"));
    }
    let canonical_roots: Vec<PathBuf> = roots
        .iter()
        .filter_map(|root| std::fs::canonicalize(root).ok())
        .collect();
    // Paths outside every root are refused before touching the disk at all.
    let lexically_under = roots
        .iter()
        .chain(&canonical_roots)
        .any(|root| path.starts_with(root));
    if !lexically_under {
        return Err(not_available("outside the file roots"));
    }
    let canonical = std::fs::canonicalize(path)
        .map_err(|err| not_available(&format!("cannot canonicalize: {err}")))?;
    if !canonical_roots
        .iter()
        .any(|root| canonical.starts_with(root))
    {
        return Err(not_available(&format!(
            "resolves to {canonical:?}, outside the file roots"
        )));
    }
    // O_NONBLOCK: opening a FIFO (or a device) cannot wait for a writer; O_NOFOLLOW: a symlink
    // swapped in for the canonical path after the check is not followed.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&canonical)
        .map_err(|err| not_available(&format!("cannot open: {err}")))?;
    // fstat of the opened handle: what is read is what was checked.
    let metadata = file
        .metadata()
        .map_err(|err| not_available(&format!("cannot stat: {err}")))?;
    if !metadata.file_type().is_file() {
        return Err(not_available(&format!(
            "not a regular file ({:?})",
            metadata.file_type()
        )));
    }
    if metadata.len() > max_bytes {
        return Err(too_large(format!(
            "file {path:?} is {} bytes, limit {max_bytes}",
            metadata.len()
        )));
    }
    // The reported size only refuses early: the read itself stops one byte past the cap.
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|err| not_available(&format!("cannot read: {err}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(format!(
            "file {path:?} grew past the limit of {max_bytes} bytes"
        )));
    }
    Ok(bytes)
}

/// An `http://` or `https://` URI, from a public host (unless the policy allows private ones),
/// connected to the addresses checked; the caller bounds the total time.
async fn fetch_http(url: Url, policy: &InputPolicy) -> Result<Vec<u8>, InputError> {
    let host = url
        .host_str()
        .ok_or_else(|| unreachable(format!("{:?} has no host", url.as_str())))?
        .to_owned();
    let port = url
        .port_or_known_default()
        .ok_or_else(|| unreachable(format!("{:?} has no port", url.as_str())))?;
    let mut client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(policy.timeout());
    // IP literals (the parser normalizes `0x7f.1` and the like) are checked as they are and
    // connected to directly; names are resolved here, checked, and pinned.
    let literal = host
        .strip_prefix('[')
        .and_then(|host| host.strip_suffix(']'))
        .unwrap_or(&host)
        .parse::<IpAddr>()
        .ok();
    match literal {
        Some(ip) => {
            if !policy.allow_private_hosts && !is_public_ip(ip) {
                return Err(host_not_allowed(format!("{ip} is not a public address")));
            }
        }
        None => {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
                .await
                .map_err(|err| unreachable(format!("cannot resolve {host:?}: {err}")))?
                .collect();
            if addrs.is_empty() {
                return Err(unreachable(format!("{host:?} resolves to no address")));
            }
            if !policy.allow_private_hosts {
                if let Some(addr) = addrs.iter().find(|addr| !is_public_ip(addr.ip())) {
                    return Err(host_not_allowed(format!(
                        "{host:?} resolves to {}, not a public address",
                        addr.ip()
                    )));
                }
            }
            client = client.resolve_to_addrs(&host, &addrs);
        }
    }
    let client = client
        .build()
        .map_err(|err| unreachable(format!("HTTP client: {}", error_chain(&err))))?;
    let mut response = client
        .get(url.clone())
        .send()
        .await
        .map_err(|err| http_error(&url, &err))?;
    let status = response.status();
    if !status.is_success() {
        return Err(unreachable(format!("{:?} answered {status}", url.as_str())));
    }
    if let Some(length) = response
        .content_length()
        .filter(|&length| length > policy.max_bytes)
    {
        return Err(too_large(format!(
            "{:?} announces {length} bytes, limit {}",
            url.as_str(),
            policy.max_bytes
        )));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|err| http_error(&url, &err))?
    {
        if (bytes.len() as u64).saturating_add(chunk.len() as u64) > policy.max_bytes {
            return Err(too_large(format!(
                "{:?} sent more than {} bytes",
                url.as_str(),
                policy.max_bytes
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn http_error(url: &Url, err: &reqwest::Error) -> InputError {
    let detail = format!("{:?}: {}", url.as_str(), error_chain(err));
    if err.is_timeout() {
        timed_out(detail)
    } else {
        unreachable(detail)
    }
}

/// An error and its sources, for local logs.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(err) = source {
        text.push_str(": ");
        text.push_str(&err.to_string());
        source = err.source();
    }
    text
}

/// Whether `ip` is a public unicast address, one an input may be fetched from. Not public:
/// unspecified, "this network", loopback, private (RFC 1918), CGNAT, link-local, IETF protocol
/// assignments, documentation, benchmarking, 6to4 relay anycast, multicast, reserved and
/// broadcast IPv4; and for IPv6 anything outside global unicast `2000::/3` (so unspecified,
/// loopback, IPv4-compatible, discard-only, unique-local, link-local, site-local and multicast),
/// the IETF protocol assignments `2001::/23` (Teredo included), documentation `2001:db8::/32`
/// and `3fff::/20`. IPv4-mapped (`::ffff:a.b.c.d`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`)
/// addresses are judged by the IPv4 address they carry.
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_ipv4(ip),
        IpAddr::V6(ip) => is_public_ipv6(ip),
    }
}

fn is_public_ipv4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let not_public = a == 0 // 0.0.0.0/8: "this network", unspecified
        || a == 10 // 10.0.0.0/8: private
        || (a == 100 && (64..128).contains(&b)) // 100.64.0.0/10: CGNAT
        || a == 127 // 127.0.0.0/8: loopback
        || (a == 169 && b == 254) // 169.254.0.0/16: link-local (cloud metadata)
        || (a == 172 && (16..32).contains(&b)) // 172.16.0.0/12: private
        || (a == 192 && b == 0 && c == 0) // 192.0.0.0/24: IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // 192.0.2.0/24: documentation
        || (a == 192 && b == 88 && c == 99) // 192.88.99.0/24: 6to4 relay anycast
        || (a == 192 && b == 168) // 192.168.0.0/16: private
        || (a == 198 && (b == 18 || b == 19)) // 198.18.0.0/15: benchmarking
        || (a == 198 && b == 51 && c == 100) // 198.51.100.0/24: documentation
        || (a == 203 && b == 0 && c == 113) // 203.0.113.0/24: documentation
        || a >= 224; // 224.0.0.0/4 multicast, 240.0.0.0/4 reserved, broadcast
    !not_public
}

fn is_public_ipv6(ip: Ipv6Addr) -> bool {
    if let Some(ipv4) = ip.to_ipv4_mapped() {
        return is_public_ipv4(ipv4);
    }
    let s = ip.segments();
    let embedded = |high: u16, low: u16| Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_ipv4(embedded(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return is_public_ipv4(embedded(s[1], s[2]));
    }
    let global_unicast = s[0] & 0xe000 == 0x2000;
    let not_public = match s[0] {
        // 2001::/23: IETF protocol assignments (Teredo, ORCHID, benchmarking, ...);
        // 2001:db8::/32: documentation.
        0x2001 => s[1] < 0x0200 || s[1] == 0x0db8,
        // 3fff::/20: documentation.
        0x3fff => s[1] < 0x1000,
        _ => false,
    };
    global_unicast && !not_public
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Instant;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};

    /// A directory of its own under the system's temporary directory, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> Self {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let path = std::env::temp_dir().join(format!(
                "oracle-input-{}-{name}-{nanos}",
                std::process::id()
            ));
            std::fs::create_dir_all(&path).unwrap();
            Self(path)
        }

        fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
            let path = self.0.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn file_uri(path: &Path) -> String {
        Url::from_file_path(path).unwrap().to_string()
    }

    fn files_under(roots: &[&Path]) -> InputPolicy {
        InputPolicy {
            file_roots: roots.iter().map(|root| root.to_path_buf()).collect(),
            ..InputPolicy::default()
        }
    }

    fn private_hosts() -> InputPolicy {
        InputPolicy {
            allow_private_hosts: true,
            ..InputPolicy::default()
        }
    }

    fn sha256(bytes: &[u8]) -> [u8; 32] {
        Sha256::digest(bytes).into()
    }

    /// The reason published on chain: short, and nothing of the oracle's paths or addresses.
    fn assert_publishable(err: &InputError, secrets: &[&str]) {
        let reason = err.to_string();
        assert!(reason.len() <= 128, "{reason}");
        assert!(!reason.contains('/'), "{reason}");
        for secret in secrets {
            assert!(!reason.contains(secret), "{reason} names {secret}");
        }
    }

    /// A local HTTP server: every connection's request head is read, then `respond` answers
    /// it. Returns the address and the number of connections accepted.
    async fn server<F, Fut>(respond: F) -> (SocketAddr, Arc<AtomicUsize>)
    where
        F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let mut head = Vec::new();
                let mut buffer = [0u8; 1024];
                while !head.windows(4).any(|window| window == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                tokio::spawn(respond(stream));
            }
        });
        (addr, connections)
    }

    async fn reply(mut stream: TcpStream, response: &'static [u8]) {
        let _ = stream.write_all(response).await;
        let _ = stream.shutdown().await;
    }

    #[tokio::test]
    async fn inline_input_is_returned_as_it_is() {
        let input = DataRef::Inline(vec![9, 8, 7]);
        // Inline bytes are what the program recorded: no hash check, no policy.
        assert_eq!(
            load(&input, &[0; 32], &InputPolicy::default()).await,
            Ok(vec![9, 8, 7])
        );
    }

    #[tokio::test]
    async fn file_under_a_root_with_the_right_hash_loads_and_a_wrong_hash_is_refused() {
        let dir = TempDir::new("hash");
        let path = dir.file("input.bin", &[1, 2, 3, 4]);
        let input = DataRef::Uri(file_uri(&path));
        let policy = files_under(&[&dir.0]);
        assert_eq!(
            load(&input, &sha256(&[1, 2, 3, 4]), &policy).await,
            Ok(vec![1, 2, 3, 4])
        );
        let err = load(&input, &[0; 32], &policy).await.unwrap_err();
        assert!(matches!(err, InputError::HashMismatch { .. }), "{err:?}");
        assert_eq!(err.category(), "hash");
        assert_publishable(&err, &[dir.0.to_str().unwrap()]);
    }

    #[tokio::test]
    async fn file_uris_are_off_without_roots_and_other_schemes_are_refused() {
        let dir = TempDir::new("noroots");
        let path = dir.file("input.bin", b"abc");
        for uri in [
            file_uri(&path),
            "ftp://example.com/input".to_owned(),
            "data:text/plain,abc".to_owned(),
            "gopher://example.com/".to_owned(),
        ] {
            let err = fetch(&uri, &InputPolicy::default()).await.unwrap_err();
            assert!(
                matches!(err, InputError::SchemeNotAllowed { .. }),
                "{uri}: {err:?}"
            );
            assert_eq!(err.category(), "scheme");
            assert_publishable(&err, &[dir.0.to_str().unwrap()]);
        }
        // The same file loads once its directory is a root.
        assert_eq!(
            fetch(&file_uri(&path), &files_under(&[&dir.0])).await,
            Ok(b"abc".to_vec())
        );
    }

    #[tokio::test]
    async fn a_file_outside_the_roots_and_a_missing_file_give_the_same_reason() {
        let root = TempDir::new("root");
        let outside = TempDir::new("outside");
        let secret = outside.file("secret.bin", b"secret");
        let policy = files_under(&[&root.0]);
        let outside_err = fetch(&file_uri(&secret), &policy).await.unwrap_err();
        let missing_err = fetch(&file_uri(&root.0.join("missing.bin")), &policy)
            .await
            .unwrap_err();
        // A `..` walk out of the root (the URI parser resolves it, percent-encoded or not).
        let escape = format!(
            "{}/%2E%2E/{}/secret.bin",
            file_uri(&root.0),
            outside.0.file_name().unwrap().to_str().unwrap()
        );
        let escape_err = fetch(&escape, &policy).await.unwrap_err();
        let relative_err = fetch("file://relative/secret.bin", &policy)
            .await
            .unwrap_err();
        assert!(
            matches!(outside_err, InputError::Unreachable { .. }),
            "{outside_err:?}"
        );
        for err in [&missing_err, &escape_err, &relative_err] {
            assert_eq!(err.to_string(), outside_err.to_string(), "{err:?}");
            assert_eq!(err.category(), outside_err.category());
        }
        for err in [&outside_err, &missing_err, &escape_err, &relative_err] {
            assert_publishable(
                err,
                &[root.0.to_str().unwrap(), outside.0.to_str().unwrap()],
            );
        }
        // The detail, for local logs, does say where.
        assert!(outside_err.detail().contains("secret.bin"));
    }

    #[tokio::test]
    async fn dev_zero_is_refused_quickly_without_reading() {
        let started = Instant::now();
        // If it were read, it would fill the 16 MiB cap and come back as too large.
        let err = fetch("file:///dev/zero", &files_under(&[Path::new("/dev")]))
            .await
            .unwrap_err();
        assert!(matches!(err, InputError::Unreachable { .. }), "{err:?}");
        assert!(err.detail().contains("not a regular file"), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_publishable(&err, &["/dev"]);
    }

    /// Opens a FIFO for writing when dropped, which releases a reader blocked opening it: a
    /// test that fails with the fetch stuck in `open` then fails instead of hanging the
    /// runtime's shutdown (which waits for blocking threads).
    struct ReleaseFifo(PathBuf);

    impl Drop for ReleaseFifo {
        fn drop(&mut self) {
            let _ = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(&self.0);
        }
    }

    #[tokio::test]
    async fn a_fifo_and_a_directory_under_a_root_are_refused_without_hanging() {
        let dir = TempDir::new("fifo");
        let fifo = dir.0.join("input.fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let _release = ReleaseFifo(fifo.clone());
        let subdir = dir.0.join("subdir");
        std::fs::create_dir(&subdir).unwrap();
        let policy = files_under(&[&dir.0]);
        for path in [&fifo, &subdir] {
            let err = tokio::time::timeout(Duration::from_secs(5), fetch(&file_uri(path), &policy))
                .await
                .expect("fetching a FIFO must not hang")
                .unwrap_err();
            assert!(matches!(err, InputError::Unreachable { .. }), "{err:?}");
            assert!(err.detail().contains("not a regular file"), "{err:?}");
            assert_publishable(&err, &[dir.0.to_str().unwrap()]);
        }
    }

    #[tokio::test]
    async fn a_symlink_out_of_a_root_is_refused_and_one_within_it_is_followed() {
        let root = TempDir::new("links");
        let outside = TempDir::new("target");
        let secret = outside.file("secret.bin", b"secret");
        let inside = root.file("inside.bin", b"inside");
        let out_link = root.0.join("out-link");
        let in_link = root.0.join("in-link");
        std::os::unix::fs::symlink(&secret, &out_link).unwrap();
        std::os::unix::fs::symlink(&inside, &in_link).unwrap();
        let policy = files_under(&[&root.0]);
        let err = fetch(&file_uri(&out_link), &policy).await.unwrap_err();
        assert!(matches!(err, InputError::Unreachable { .. }), "{err:?}");
        assert!(err.detail().contains("outside the file roots"), "{err:?}");
        assert_publishable(
            &err,
            &[root.0.to_str().unwrap(), outside.0.to_str().unwrap()],
        );
        assert_eq!(
            fetch(&file_uri(&in_link), &policy).await,
            Ok(b"inside".to_vec())
        );
    }

    #[tokio::test]
    async fn a_file_larger_than_max_bytes_is_too_large() {
        let dir = TempDir::new("large");
        let policy = InputPolicy {
            max_bytes: 1024,
            ..files_under(&[&dir.0])
        };
        let exact = dir.file("exact.bin", &[7; 1024]);
        assert_eq!(fetch(&file_uri(&exact), &policy).await, Ok(vec![7; 1024]));
        let large = dir.file("large.bin", &[7; 1025]);
        let err = fetch(&file_uri(&large), &policy).await.unwrap_err();
        assert!(matches!(err, InputError::TooLarge { .. }), "{err:?}");
        assert_eq!(err.category(), "too_large");
        assert_publishable(&err, &[dir.0.to_str().unwrap()]);
    }

    #[tokio::test]
    async fn a_file_reporting_a_small_size_is_capped_on_the_bytes_read() {
        // Files under /proc are regular and report a size of 0, whatever they hold.
        let maps = Path::new("/proc/self/maps");
        assert!(std::fs::metadata(maps).unwrap().len() < 64);
        let policy = InputPolicy {
            max_bytes: 64,
            ..files_under(&[Path::new("/proc/self")])
        };
        let err = fetch("file:///proc/self/maps", &policy).await.unwrap_err();
        assert!(matches!(err, InputError::TooLarge { .. }), "{err:?}");
        assert_publishable(&err, &["proc"]);
    }

    #[tokio::test]
    async fn an_http_body_is_fetched() {
        let (addr, _) = server(|stream| {
            reply(
                stream,
                b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: close\r\n\r\nabc",
            )
        })
        .await;
        assert_eq!(
            fetch(&format!("http://{addr}/input"), &private_hosts()).await,
            Ok(b"abc".to_vec())
        );
        // And through `load`, with the hash checked.
        let input = DataRef::Uri(format!("http://localhost:{}/input", addr.port()));
        assert_eq!(
            load(&input, &sha256(b"abc"), &private_hosts()).await,
            Ok(b"abc".to_vec())
        );
    }

    #[tokio::test]
    async fn an_endless_http_body_without_a_length_is_cut_off_as_too_large() {
        // Connection-close framing, never closing: only counting the streamed bytes stops it.
        let (addr, _) = server(|mut stream| async move {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n")
                .await;
            while stream.write_all(&[b'x'; 4096]).await.is_ok() {}
        })
        .await;
        let policy = InputPolicy {
            max_bytes: 1024,
            timeout_ms: 5_000,
            ..private_hosts()
        };
        let err = fetch(&format!("http://{addr}/"), &policy)
            .await
            .unwrap_err();
        assert!(matches!(err, InputError::TooLarge { .. }), "{err:?}");
        assert_publishable(&err, &["127.0.0.1"]);
        // Chunked framing, finite but past the cap.
        let (addr, _) = server(|mut stream| async move {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
                .await;
            for _ in 0..4 {
                let _ = stream.write_all(b"200\r\n").await;
                let _ = stream.write_all(&[b'y'; 0x200]).await;
                let _ = stream.write_all(b"\r\n").await;
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
        })
        .await;
        let err = fetch(&format!("http://{addr}/"), &policy)
            .await
            .unwrap_err();
        assert!(matches!(err, InputError::TooLarge { .. }), "{err:?}");
        // Within the cap, the same framing is fine.
        let roomy = InputPolicy {
            max_bytes: 4 * 0x200,
            ..policy
        };
        assert_eq!(
            fetch(&format!("http://{addr}/"), &roomy).await,
            Ok(vec![b'y'; 4 * 0x200])
        );
    }

    #[tokio::test]
    async fn a_content_length_over_the_cap_is_refused_early() {
        let (addr, _) = server(|stream| {
            reply(
                stream,
                b"HTTP/1.1 200 OK\r\ncontent-length: 1000000000\r\n\r\nabc",
            )
        })
        .await;
        let err = fetch(&format!("http://{addr}/"), &private_hosts())
            .await
            .unwrap_err();
        assert!(matches!(err, InputError::TooLarge { .. }), "{err:?}");
    }

    #[tokio::test]
    async fn a_trickled_http_body_times_out() {
        let (addr, _) = server(|mut stream| async move {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
                .await;
            for _ in 0..100 {
                if stream.write_all(b"1\r\nz\r\n").await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
        })
        .await;
        let policy = InputPolicy {
            timeout_ms: 500,
            ..private_hosts()
        };
        let started = Instant::now();
        let err = fetch(&format!("http://{addr}/"), &policy)
            .await
            .unwrap_err();
        assert!(matches!(err, InputError::TimedOut { .. }), "{err:?}");
        assert_eq!(err.category(), "timeout");
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_publishable(&err, &["127.0.0.1"]);
    }

    #[tokio::test]
    async fn redirects_and_error_statuses_are_unreachable() {
        let (target, target_connections) = server(|stream| {
            reply(
                stream,
                b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: close\r\n\r\nabc",
            )
        })
        .await;
        let location: &'static str = format!(
            "HTTP/1.1 302 Found\r\nlocation: http://{target}/\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        )
        .leak();
        let (redirect, _) = server(move |stream| reply(stream, location.as_bytes())).await;
        let (missing, _) = server(|stream| {
            reply(
                stream,
                b"HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\nconnection: close\r\n\r\nnot found",
            )
        })
        .await;
        for addr in [redirect, missing] {
            let err = fetch(&format!("http://{addr}/input"), &private_hosts())
                .await
                .unwrap_err();
            assert!(matches!(err, InputError::Unreachable { .. }), "{err:?}");
            assert_eq!(err.category(), "unreachable");
            assert_publishable(&err, &["127.0.0.1"]);
        }
        assert_eq!(target_connections.load(Ordering::SeqCst), 0);
        // Nothing listening is unreachable too.
        let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let closed_addr = closed.local_addr().unwrap();
        drop(closed);
        let err = fetch(&format!("http://{closed_addr}/"), &private_hosts())
            .await
            .unwrap_err();
        assert!(matches!(err, InputError::Unreachable { .. }), "{err:?}");
    }

    #[tokio::test]
    async fn private_hosts_are_refused_by_default_without_connecting() {
        let (addr, connections) = server(|stream| {
            reply(
                stream,
                b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: close\r\n\r\nabc",
            )
        })
        .await;
        let port = addr.port();
        let uris = [
            format!("http://127.0.0.1:{port}/"),
            format!("http://localhost:{port}/"),
            format!("http://LocalHost:{port}/"),
            format!("http://0x7f.1:{port}/"),
            format!("http://2130706433:{port}/"),
            format!("http://[::ffff:127.0.0.1]:{port}/"),
            format!("https://127.0.0.1:{port}/"),
            "http://[::1]/".to_owned(),
            "http://169.254.169.254/latest/meta-data".to_owned(),
            "http://10.0.0.1/".to_owned(),
            "http://[fd00::1]/".to_owned(),
            "http://0.0.0.0/".to_owned(),
        ];
        for uri in &uris {
            let err = fetch(uri, &InputPolicy::default()).await.unwrap_err();
            assert!(
                matches!(err, InputError::HostNotAllowed { .. }),
                "{uri}: {err:?}"
            );
            assert_eq!(err.category(), "host");
            assert_publishable(&err, &["127.0.0.1", "localhost", "169.254", "10.0.0.1"]);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(connections.load(Ordering::SeqCst), 0);
        // The server does answer when private hosts are allowed.
        assert_eq!(fetch(&uris[0], &private_hosts()).await, Ok(b"abc".to_vec()));
        assert_eq!(connections.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn public_and_non_public_addresses() {
        for ip in [
            "127.0.0.1",
            "127.255.255.254",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "255.255.255.255",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "192.0.0.8",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "198.19.255.255",
            "::1",
            "::",
            "::127.0.0.1",
            "fe80::1",
            "fec0::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "100::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "2002:7f00:1::1",
            "2001::1",
            "2001:db8::1",
            "3fff::1",
        ] {
            let ip: IpAddr = ip.parse().unwrap();
            assert!(!is_public_ip(ip), "{ip} is not public");
        }
        for ip in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.0.3.1",
            "223.255.255.255",
            "2606:4700::1111",
            "2001:4860:4860::8888",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            let ip: IpAddr = ip.parse().unwrap();
            assert!(is_public_ip(ip), "{ip} is public");
        }
    }

    #[test]
    fn reasons_are_categories_and_details_stay_local() {
        let hostile = "/srv/oracle/secret 10.0.0.1 connection refused (os error 111) ".repeat(40);
        let errors = [
            scheme_not_allowed(hostile.clone()),
            too_large(hostile.clone()),
            timed_out(hostile.clone()),
            unreachable(hostile.clone()),
            host_not_allowed(hostile.clone()),
            InputError::HashMismatch {
                detail: hostile.clone(),
            },
        ];
        let mut categories = Vec::new();
        for err in &errors {
            assert_publishable(err, &["srv", "10.0.0.1", "os error"]);
            assert!(err.detail().starts_with("/srv/oracle/secret"));
            if !matches!(err, InputError::HashMismatch { .. }) {
                assert!(err.detail().len() <= MAX_DETAIL_BYTES + '…'.len_utf8());
            }
            categories.push(err.category());
        }
        assert_eq!(
            categories,
            [
                "scheme",
                "too_large",
                "timeout",
                "unreachable",
                "host",
                "hash"
            ]
        );
    }

    #[test]
    fn the_policy_reads_from_toml_with_safe_defaults() {
        let policy: InputPolicy = toml::from_str("").unwrap();
        assert_eq!(policy, InputPolicy::default());
        assert_eq!(policy.max_bytes, 16 * 1024 * 1024);
        assert_eq!(policy.timeout_ms, 10_000);
        assert!(policy.file_roots.is_empty());
        assert!(!policy.allow_private_hosts);
        let policy: InputPolicy =
            toml::from_str("max_bytes = 1024\nfile_roots = [\"/srv/inputs\"]").unwrap();
        assert_eq!(policy.max_bytes, 1024);
        assert_eq!(policy.file_roots, vec![PathBuf::from("/srv/inputs")]);
        assert_eq!(policy.timeout_ms, 10_000);
        assert!(toml::from_str::<InputPolicy>("max_byte = 1").is_err());
    }
}
