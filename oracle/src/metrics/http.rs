//! `/metrics`, `/health` and `/ready` over HTTP/1.1 on loopback.
//!
//! - `/health` is 200 while the oracle can do its job: the service loop runs and has ticked in
//!   the last [`STALL_AFTER`], an RPC endpoint answered recently (`rpc_silence_unhealthy_secs`,
//!   [`RPC_SILENCE`] by default), the wallet
//!   is above its balance floor (it pays for every transaction) and the oracle account exists.
//!   Otherwise 503 with every reason, one per line. Page on it.
//! - `/ready` is 200 while the oracle takes new requests: healthy, past its first sweep, not
//!   unbonding and not shutting down. Otherwise 503 with the reasons. Route work and gate
//!   rollouts on it.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use prometheus_client::{encoding::text::encode, registry::Registry};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
    sync::watch,
};

/// Longest silence of every RPC endpoint before the oracle is unhealthy, by default.
pub const RPC_SILENCE: Duration = Duration::from_secs(30);
/// Longest time without a tick of the service loop before the oracle is unhealthy.
pub const STALL_AFTER: Duration = Duration::from_secs(120);

/// How long ago an RPC endpoint last answered (`None`: never yet).
pub type RpcSilence = Box<dyn Fn() -> Option<Duration> + Send + Sync>;

/// Why transactions are not landing, if they are not (`None`: they are, or none was sent).
pub type LandingTrouble = Box<dyn Fn() -> Option<String> + Send + Sync>;

/// The gauges that mirror the endpoints, set at every scrape.
#[derive(Clone, Debug, Default)]
pub struct HealthGauges {
    /// 1 while `/health` would answer 200.
    pub healthy: prometheus_client::metrics::gauge::Gauge,
    /// 1 while `/ready` would answer 200.
    pub ready: prometheus_client::metrics::gauge::Gauge,
    /// Seconds since an RPC endpoint last answered.
    pub rpc_silence_seconds: prometheus_client::metrics::gauge::Gauge,
}

/// What `/health` and `/ready` report.
pub struct Health {
    /// Set while the service loop runs (after start-up, before the end of a shutdown).
    running: Mutex<Option<Instant>>,
    /// Why the oracle cannot work (wallet below the floor, account gone); from the status read.
    blocker: Mutex<Option<String>>,
    /// Why the oracle has paused new claims (unbonding); from the status read.
    paused: Mutex<Option<String>>,
    /// Whether the first sweep finished.
    swept: std::sync::atomic::AtomicBool,
    /// Set once a shutdown began.
    draining: std::sync::atomic::AtomicBool,
    rpc_silence: RpcSilence,
    /// Longest RPC silence that is still healthy.
    rpc_silence_limit: Duration,
    landing: LandingTrouble,
    gauges: HealthGauges,
}

impl Health {
    /// A health state that reads the RPC silence from `rpc_silence` (unhealthy beyond
    /// `rpc_silence_limit`) and whether transactions land from `landing`, and sets `gauges` at
    /// every scrape; it starts "starting".
    pub fn new(
        rpc_silence: RpcSilence,
        rpc_silence_limit: Duration,
        landing: LandingTrouble,
        gauges: HealthGauges,
    ) -> Self {
        Self {
            running: Mutex::new(None),
            blocker: Mutex::new(Some("starting".to_owned())),
            paused: Mutex::new(None),
            swept: Default::default(),
            draining: Default::default(),
            rpc_silence,
            rpc_silence_limit,
            landing,
            gauges,
        }
    }

    /// The service loop ticked (call it from the loop).
    pub fn beat(&self) {
        if let Ok(mut running) = self.running.lock() {
            *running = Some(Instant::now());
        }
    }

    /// The service loop ended.
    pub fn stopped(&self) {
        if let Ok(mut running) = self.running.lock() {
            *running = None;
        }
    }

    /// What the last status read found: `None` when the oracle can work, else why not.
    pub fn set_blocker(&self, reason: Option<String>) {
        if let Ok(mut blocker) = self.blocker.lock() {
            *blocker = reason;
        }
    }

    /// What the last status read found that pauses new claims without being a fault.
    pub fn set_paused(&self, reason: Option<String>) {
        if let Ok(mut paused) = self.paused.lock() {
            *paused = reason;
        }
    }

    /// The first sweep finished: every request present at start is known.
    pub fn swept(&self) {
        self.swept.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// A shutdown began.
    pub fn draining(&self) {
        self.draining
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Why the oracle cannot do its job (empty: healthy).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        match self.running.lock().ok().and_then(|r| *r) {
            None => problems.push("the service loop is not running".to_owned()),
            Some(beat) if beat.elapsed() > STALL_AFTER => problems.push(format!(
                "the service loop has not ticked for {} s",
                beat.elapsed().as_secs()
            )),
            Some(_) => {}
        }
        match (self.rpc_silence)() {
            None => problems.push("no RPC endpoint has answered yet".to_owned()),
            Some(silence) if silence > self.rpc_silence_limit => problems.push(format!(
                "no RPC endpoint has answered for {} s",
                silence.as_secs()
            )),
            Some(_) => {}
        }
        if let Some(trouble) = (self.landing)() {
            problems.push(trouble);
        }
        if let Some(blocker) = self.blocker.lock().ok().and_then(|b| b.clone()) {
            problems.push(blocker);
        }
        problems
    }

    /// Sets the gauges from what `/health` and `/ready` would answer now.
    pub fn publish(&self) {
        self.gauges
            .healthy
            .set(i64::from(self.problems().is_empty()));
        self.gauges
            .ready
            .set(i64::from(self.not_ready().is_empty()));
        if let Some(silence) = (self.rpc_silence)() {
            self.gauges
                .rpc_silence_seconds
                .set(i64::try_from(silence.as_secs()).unwrap_or(i64::MAX));
        }
    }

    /// Why the oracle takes no new requests (empty: ready).
    pub fn not_ready(&self) -> Vec<String> {
        let mut reasons = self.problems();
        let paused = self.paused.lock().ok().and_then(|p| p.clone());
        if let Some(paused) = paused.filter(|p| p != "shutting down") {
            reasons.push(paused);
        }
        if self.draining.load(std::sync::atomic::Ordering::SeqCst) {
            reasons.push("shutting down".to_owned());
        } else if !self.swept.load(std::sync::atomic::Ordering::SeqCst) {
            reasons.push("the first sweep has not finished".to_owned());
        }
        reasons
    }
}

/// Serves `/metrics`, `/health` and `/ready` on `addr` until `shutdown` turns true. Returns
/// the bound address (port 0 picks a free one).
pub async fn serve(
    addr: SocketAddr,
    registry: Arc<Registry>,
    health: Arc<Health>,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|err| anyhow::anyhow!("binding the metrics address {addr}: {err}"))?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = shutdown.changed() => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    let registry = registry.clone();
                    let health = health.clone();
                    tokio::spawn(async move {
                        if let Err(err) = answer(stream, &registry, &health).await {
                            tracing::debug!(%err, "metrics connection");
                        }
                    });
                }
            }
        }
    });
    Ok((bound, task))
}

/// `200 ok`, or `503` with the reasons one per line.
fn verdict(reasons: Vec<String>) -> (&'static str, &'static str, String) {
    if reasons.is_empty() {
        ("200 OK", "text/plain", "ok\n".to_owned())
    } else {
        (
            "503 Service Unavailable",
            "text/plain",
            reasons.join("\n") + "\n",
        )
    }
}

/// Answers one HTTP/1.1 request.
async fn answer(
    mut stream: tokio::net::TcpStream,
    registry: &Registry,
    health: &Health,
) -> anyhow::Result<()> {
    let mut buffer = [0u8; 1024];
    let read = stream.read(&mut buffer).await?;
    let request = String::from_utf8_lossy(&buffer[..read]);
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let (status, content_type, body) = match path {
        "/metrics" => {
            health.publish();
            let mut body = String::new();
            encode(&mut body, registry)?;
            (
                "200 OK",
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
                body,
            )
        }
        "/health" => verdict(health.problems()),
        "/ready" => verdict(health.not_ready()),
        _ => (
            "404 Not Found",
            "text/plain",
            "try /metrics, /health or /ready\n".to_owned(),
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_and_readiness_say_every_reason() {
        let silence = Arc::new(Mutex::new(None::<Duration>));
        let reader = silence.clone();
        let trouble = Arc::new(Mutex::new(None::<String>));
        let landing = trouble.clone();
        let gauges = HealthGauges::default();
        let health = Health::new(
            Box::new(move || *reader.lock().unwrap()),
            RPC_SILENCE,
            Box::new(move || landing.lock().unwrap().clone()),
            gauges.clone(),
        );
        let problems = health.problems();
        assert!(
            problems.iter().any(|p| p.contains("not running")),
            "{problems:?}"
        );
        assert!(problems
            .iter()
            .any(|p| p.contains("no RPC endpoint has answered yet")));
        assert!(problems.iter().any(|p| p == "starting"));

        health.beat();
        *silence.lock().unwrap() = Some(Duration::from_secs(1));
        health.set_blocker(None);
        assert_eq!(health.problems(), Vec::<String>::new());
        assert_eq!(health.not_ready(), vec!["the first sweep has not finished"]);
        health.swept();
        assert!(health.not_ready().is_empty());

        *silence.lock().unwrap() = Some(RPC_SILENCE + Duration::from_secs(5));
        assert_eq!(
            health.problems(),
            vec!["no RPC endpoint has answered for 35 s"]
        );
        *silence.lock().unwrap() = Some(Duration::ZERO);
        health.set_blocker(Some("wallet below the floor".to_owned()));
        assert_eq!(health.problems(), vec!["wallet below the floor"]);
        health.set_blocker(None);
        *trouble.lock().unwrap() = Some("2 transactions in a row were not confirmed".to_owned());
        assert_eq!(
            health.problems(),
            vec!["2 transactions in a row were not confirmed"]
        );
        health.publish();
        assert_eq!(gauges.healthy.get(), 0);
        *trouble.lock().unwrap() = None;
        health.publish();
        assert_eq!((gauges.healthy.get(), gauges.ready.get()), (1, 1));
        health.set_paused(Some("unbonding".to_owned()));
        assert!(health.problems().is_empty(), "a pause is not a fault");
        assert_eq!(health.not_ready(), vec!["unbonding"]);
        health.set_paused(None);
        health.draining();
        assert!(health.problems().is_empty());
        assert_eq!(health.not_ready(), vec!["shutting down"]);
        health.stopped();
        assert_eq!(health.problems(), vec!["the service loop is not running"]);
    }
}
