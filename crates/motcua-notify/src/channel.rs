//! The channels a notice is delivered through, behind one trait, and the
//! set an installation has configured.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use motcua_rules::notice::ChannelKind;

use crate::message::Outgoing;

/// What a provider said on delivery.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receipt {
    /// The provider's id of the message (Zalo's `msg_id`), when it gives one.
    pub provider_id: Option<String>,
}

/// Why a try failed: a stable code with a message in `errors.ftl`, and
/// whether trying again may help. It carries no text from the provider:
/// a mail server's refusal often repeats the address, which must stay out
/// of the logs and of the staff's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendError {
    pub code: &'static str,
    pub transient: bool,
    /// The HTTP status a gateway answered, for the operator.
    pub status: Option<u16>,
}

impl SendError {
    pub fn transient(code: &'static str) -> Self {
        SendError { code, transient: true, status: None }
    }

    pub fn permanent(code: &'static str) -> Self {
        SendError { code, transient: false, status: None }
    }
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)?;
        if let Some(s) = self.status {
            write!(f, " (HTTP {s})")?;
        }
        Ok(())
    }
}

impl std::error::Error for SendError {}

/// The future a channel's `send` returns.
pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<Receipt, SendError>> + Send + 'a>>;

/// A way of delivering a notice.
pub trait Channel: Send + Sync {
    fn kind(&self) -> ChannelKind;

    /// Delivers one notice; returns when the provider has taken it.
    fn send<'a>(&'a self, message: &'a Outgoing) -> Sending<'a>;
}

/// The channels an installation has: none by default, so notices are
/// kept, marked not sent, until an operator configures one.
#[derive(Clone, Default)]
pub struct Channels {
    email: Option<Arc<dyn Channel>>,
    sms: Option<Arc<dyn Channel>>,
    zalo: Option<Arc<dyn Channel>>,
}

impl Channels {
    pub fn none() -> Self {
        Channels::default()
    }

    /// Adds (or replaces) the channel of its kind.
    pub fn with(mut self, channel: Arc<dyn Channel>) -> Self {
        match channel.kind() {
            ChannelKind::Email => self.email = Some(channel),
            ChannelKind::Sms => self.sms = Some(channel),
            ChannelKind::Zalo => self.zalo = Some(channel),
        }
        self
    }

    pub fn get(&self, kind: ChannelKind) -> Option<&Arc<dyn Channel>> {
        match kind {
            ChannelKind::Email => self.email.as_ref(),
            ChannelKind::Sms => self.sms.as_ref(),
            ChannelKind::Zalo => self.zalo.as_ref(),
        }
    }

    /// The kinds configured, in the order of [`ChannelKind::ALL`].
    pub fn configured(&self) -> Vec<ChannelKind> {
        ChannelKind::ALL.into_iter().filter(|k| self.get(*k).is_some()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.configured().is_empty()
    }
}

impl std::fmt::Debug for Channels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Channels").field(&self.configured()).finish()
    }
}

/// How a notice reaches a person: the channel they chose if it is
/// configured and they have the address it needs, else the first
/// configured channel they have an address for (e-mail, then SMS, then
/// Zalo). `None`: nothing can carry it.
pub fn choose(
    channels: &Channels,
    preferred: Option<ChannelKind>,
    email: Option<&str>,
    phone: Option<&str>,
) -> Option<(ChannelKind, crate::message::Address)> {
    use crate::message::Address;
    let address = |k: ChannelKind| match k {
        ChannelKind::Email => email.filter(|e| !e.is_empty()).map(|e| Address::Email(e.to_owned())),
        ChannelKind::Sms | ChannelKind::Zalo => phone.filter(|p| !p.is_empty()).map(|p| Address::Phone(p.to_owned())),
    };
    preferred
        .into_iter()
        .chain(ChannelKind::ALL)
        .filter(|k| channels.get(*k).is_some())
        .find_map(|k| address(k).map(|a| (k, a)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Address;

    struct Fake(ChannelKind);

    impl Channel for Fake {
        fn kind(&self) -> ChannelKind {
            self.0
        }

        fn send<'a>(&'a self, _: &'a Outgoing) -> Sending<'a> {
            Box::pin(async { Ok(Receipt::default()) })
        }
    }

    #[test]
    fn the_preferred_channel_then_the_first_one_with_an_address() {
        let none = Channels::none();
        assert_eq!(choose(&none, Some(ChannelKind::Email), Some("a@b.vn"), None), None);
        let both = Channels::none().with(Arc::new(Fake(ChannelKind::Email))).with(Arc::new(Fake(ChannelKind::Sms)));
        assert_eq!(both.configured(), [ChannelKind::Email, ChannelKind::Sms]);
        let phone = Some("0912345678");
        assert_eq!(
            choose(&both, Some(ChannelKind::Sms), Some("a@b.vn"), phone),
            Some((ChannelKind::Sms, Address::Phone("0912345678".into())))
        );
        // Zalo is not configured: the first configured one with an address.
        assert_eq!(
            choose(&both, Some(ChannelKind::Zalo), None, phone),
            Some((ChannelKind::Sms, Address::Phone("0912345678".into())))
        );
        assert_eq!(choose(&both, None, Some(""), None), None);
    }
}
