//! The bus on NATS JetStream (`async-nats`, built for the nats-server 2.9
//! of Debian: no feature of a later server is used). One stream, created
//! if absent, in file storage, with a duplicate window: a message
//! published with the `Nats-Msg-Id` of one stored within the window is
//! dropped and acknowledged as a duplicate. Consumers are durable pull
//! consumers with explicit acknowledgement.

use std::time::Duration;

use async_nats::jetstream::{self, consumer, message::PublishMessage, stream};
use bytes::Bytes;
use futures::StreamExt;

use crate::{Ack, Acker, BusError, Deliveries, Delivery, Transport};

/// The stream motcua's messages go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamSettings {
    /// The stream's name (`MOTCUA`).
    pub name: String,
    /// The subjects it stores (`EDOC.>`).
    pub subjects: Vec<String>,
    /// How long a key is remembered to drop a repeat. The server keeps the
    /// keys of this window in memory; repeats after it are for the
    /// receiving side's unique key.
    pub duplicate_window: Duration,
    /// How long a delivery may stay unacknowledged before the server
    /// delivers it again.
    pub ack_wait: Duration,
}

impl Default for StreamSettings {
    fn default() -> Self {
        StreamSettings {
            name: "MOTCUA".into(),
            subjects: vec!["EDOC.>".into()],
            duplicate_window: Duration::from_secs(3600),
            ack_wait: Duration::from_secs(30),
        }
    }
}

/// A connection to a NATS server with JetStream, and motcua's stream.
#[derive(Clone)]
pub struct JetStream {
    js: jetstream::Context,
    settings: StreamSettings,
}

impl JetStream {
    /// Connects to `url` (`nats://127.0.0.1:4222`) and creates the stream
    /// if it does not exist (an existing one is used as it is).
    pub async fn connect(url: &str, settings: StreamSettings) -> Result<JetStream, BusError> {
        let client = async_nats::connect(url).await.map_err(|e| BusError::Connect(e.to_string()))?;
        let js = jetstream::new(client);
        js.get_or_create_stream(stream::Config {
            name: settings.name.clone(),
            subjects: settings.subjects.clone(),
            storage: stream::StorageType::File,
            duplicate_window: settings.duplicate_window,
            ..Default::default()
        })
        .await
        .map_err(|e| BusError::Connect(format!("stream {}: {e}", settings.name)))?;
        Ok(JetStream { js, settings })
    }

    pub fn settings(&self) -> &StreamSettings {
        &self.settings
    }
}

impl Transport for JetStream {
    async fn publish(&self, subject: &str, msg_id: &str, payload: Bytes) -> Result<Ack, BusError> {
        let sent = self
            .js
            .send_publish(subject.to_owned(), PublishMessage::build().payload(payload).message_id(msg_id))
            .await
            .map_err(|e| BusError::Publish(e.to_string()))?;
        let ack = sent.await.map_err(|e| BusError::Publish(e.to_string()))?;
        Ok(Ack { sequence: ack.sequence, duplicate: ack.duplicate })
    }

    async fn subscribe(&self, durable: &str, subject: &str) -> Result<Deliveries, BusError> {
        let sub = |e: &dyn std::fmt::Display| BusError::Subscribe(e.to_string());
        let stream = self.js.get_stream(&self.settings.name).await.map_err(|e| sub(&e))?;
        let consumer: consumer::PullConsumer = stream
            .get_or_create_consumer(
                durable,
                consumer::pull::Config {
                    durable_name: Some(durable.to_owned()),
                    filter_subject: subject.to_owned(),
                    ack_policy: consumer::AckPolicy::Explicit,
                    ack_wait: self.settings.ack_wait,
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| sub(&e))?;
        let messages = consumer.messages().await.map_err(|e| sub(&e))?;
        Ok(messages
            .map(|m| {
                let m = m.map_err(|e| BusError::Receive(e.to_string()))?;
                let msg_id = m
                    .headers
                    .as_ref()
                    .and_then(|h| h.get("Nats-Msg-Id"))
                    .map(|v| v.as_str().to_owned())
                    .unwrap_or_default();
                Ok(Delivery {
                    subject: m.subject.to_string(),
                    msg_id,
                    payload: m.payload.clone(),
                    acker: Acker::JetStream(Box::new(m)),
                })
            })
            .boxed())
    }
}
