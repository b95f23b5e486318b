//! `motcua serve`'s flags for the exchange of official documents over NATS
//! (docs/exchange.md). Without `--nats-url` nothing is sent or received.

use std::time::Duration;

use motcua_bus::{Exchange, ExchangeSettings, StreamSettings};
use motcua_edxml::{Organ, OrganId};

#[derive(clap::Args, Clone)]
pub struct ExchangeArgs {
    /// The NATS server with JetStream (nats://host:4222); unset: the
    /// exchange is off and queued messages wait in the outbox.
    #[arg(long, env = "MOTCUA_NATS_URL")]
    nats_url: Option<String>,
    /// This installation's agency identifier (mã định danh, e.g.
    /// 000.00.00.H30): the subject it receives on and the sender of its
    /// status replies. Required with --nats-url.
    #[arg(long, env = "MOTCUA_EXCHANGE_AGENCY_ID", default_value = "")]
    exchange_agency_id: String,
    /// The agency's name as its status replies give it. Required with --nats-url.
    #[arg(long, env = "MOTCUA_EXCHANGE_AGENCY_NAME", default_value = "")]
    exchange_agency_name: String,
    /// The JetStream stream the messages are kept in (created if absent).
    #[arg(long, env = "MOTCUA_EXCHANGE_STREAM", default_value = "MOTCUA")]
    exchange_stream: String,
    /// The subjects' prefix: a message to agency X goes to PREFIX.X, and the
    /// stream keeps PREFIX.>.
    #[arg(long, env = "MOTCUA_EXCHANGE_SUBJECT_PREFIX", default_value = Exchange::DEFAULT_PREFIX)]
    exchange_subject_prefix: String,
    /// Seconds between the relay's and the consumer's rounds.
    #[arg(long, env = "MOTCUA_EXCHANGE_EVERY", default_value_t = ExchangeSettings::DEFAULT_EVERY.as_secs())]
    exchange_every: u64,
}

impl ExchangeArgs {
    /// The settings, `None` without a URL; an error says what to fix.
    pub fn settings(&self) -> Result<Option<ExchangeSettings>, String> {
        let Some(url) = self.nats_url.clone().filter(|u| !u.trim().is_empty()) else { return Ok(None) };
        let id = OrganId::parse(self.exchange_agency_id.trim()).map_err(|_| {
            "--nats-url needs MOTCUA_EXCHANGE_AGENCY_ID (--exchange-agency-id): this agency's identifier, \
             shaped ddd.dd.dd.Xdd (e.g. 000.00.00.H30)"
                .to_owned()
        })?;
        let name = self.exchange_agency_name.trim();
        if name.is_empty() {
            return Err(
                "--nats-url needs MOTCUA_EXCHANGE_AGENCY_NAME (--exchange-agency-name): the agency's name".into()
            );
        }
        let prefix = self.exchange_subject_prefix.trim().trim_end_matches('.').to_owned();
        if prefix.is_empty() || prefix.contains([' ', '*', '>']) {
            return Err(
                "--exchange-subject-prefix must be NATS subject tokens without wildcards (e.g. EDOC.out)".into()
            );
        }
        let stream = self.exchange_stream.trim();
        if stream.is_empty() || stream.contains(['.', ' ', '*', '>']) {
            return Err("--exchange-stream must be a name without dots, spaces or wildcards (e.g. MOTCUA)".into());
        }
        Ok(Some(ExchangeSettings {
            url,
            stream: StreamSettings {
                name: stream.to_owned(),
                subjects: vec![format!("{prefix}.>")],
                ..StreamSettings::default()
            },
            exchange: Exchange { agency: Organ::new(id, name), subject_prefix: prefix },
            every: Duration::from_secs(self.exchange_every.max(1)),
        }))
    }
}
