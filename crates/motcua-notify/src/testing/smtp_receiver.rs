//! A local SMTP receiver on 127.0.0.1 (RFC 5321, the part a client uses
//! to hand over a message: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
//! keeping what it receives for the tests. It can also answer like a server
//! in trouble: 451 (try later), 550 (refused) or a dropped connection.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// How the receiver answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Accept,
    /// `451` to `MAIL`: a temporary failure.
    TryLater,
    /// `550` to `RCPT`: the address is refused.
    Refuse,
    /// Closes every connection before the greeting.
    Drop,
}

/// One message as received.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent after `DATA` (headers and body), dot-stuffing undone.
    pub raw: String,
}

impl ReceivedMail {
    /// The value of a header, unfolded, with RFC 2047 words decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next()?;
        let mut unfolded: Vec<String> = Vec::new();
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(last) = unfolded.last_mut() {
                    last.push_str(line);
                }
            } else {
                unfolded.push(line.to_owned());
            }
        }
        unfolded.iter().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| decode_words(v.trim()))
        })
    }

    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The body, decoded from base64 or quoted-printable when so encoded,
    /// with the line ends the sender wrote (SMTP carries CRLF).
    pub fn body(&self) -> String {
        self.decoded_body().replace("\r\n", "\n")
    }

    fn decoded_body(&self) -> String {
        let body = self.raw.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
        let encoding = self.header("Content-Transfer-Encoding").unwrap_or_default().to_ascii_lowercase();
        match encoding.as_str() {
            "base64" => {
                let compact: String = body.split_whitespace().collect();
                let bytes = base64::engine::general_purpose::STANDARD.decode(compact).unwrap_or_default();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            "quoted-printable" => quoted_printable(body, false),
            _ => body.to_owned(),
        }
    }
}

/// Decodes `=?utf-8?b?…?=` and `=?utf-8?q?…?=` words; the white space
/// between two encoded words is dropped, as RFC 2047 says.
fn decode_words(v: &str) -> String {
    let mut out = String::new();
    let mut last_was_word = false;
    for token in v.split(' ').filter(|t| !t.is_empty()) {
        match decode_word(token) {
            Some(d) => {
                if !out.is_empty() && !last_was_word {
                    out.push(' ');
                }
                out.push_str(&d);
                last_was_word = true;
            }
            None => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(token);
                last_was_word = false;
            }
        }
    }
    out
}

fn decode_word(token: &str) -> Option<String> {
    let t = token.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = t.splitn(3, '?');
    let (_charset, enc, data) = (parts.next()?, parts.next()?, parts.next()?);
    match enc {
        "b" | "B" => base64::engine::general_purpose::STANDARD
            .decode(data)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned()),
        "q" | "Q" => Some(quoted_printable(data, true)),
        _ => None,
    }
}

fn quoted_printable(s: &str, underscore_is_space: bool) -> String {
    let raw = s.replace("=\r\n", "");
    let b = raw.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'=' && i + 3 <= b.len())
            .then(|| std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
            .flatten();
        match (hex, b[i]) {
            (Some(v), _) => {
                bytes.push(v);
                i += 3;
            }
            (None, b'_') if underscore_is_space => {
                bytes.push(b' ');
                i += 1;
            }
            (None, c) => {
                bytes.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

struct Shared {
    mails: Vec<ReceivedMail>,
    behaviour: Behaviour,
    connections: usize,
}

/// A running receiver; stops when dropped.
pub struct SmtpReceiver {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpReceiver {
    pub async fn start() -> SmtpReceiver {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let port = listener.local_addr().expect("bound").port();
        let shared = Arc::new(Mutex::new(Shared { mails: Vec::new(), behaviour: Behaviour::Accept, connections: 0 }));
        let s = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move {
                    let _ = session(stream, s).await;
                });
            }
        });
        SmtpReceiver { port, shared, task }
    }

    pub fn set_behaviour(&self, b: Behaviour) {
        self.shared.lock().expect("receiver lock").behaviour = b;
    }

    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.shared.lock().expect("receiver lock").mails.clone()
    }

    /// How many connections were made (tries, whatever their outcome).
    pub fn connections(&self) -> usize {
        self.shared.lock().expect("receiver lock").connections
    }

    /// Waits up to `timeout` until `n` messages have arrived.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let end = tokio::time::Instant::now() + timeout;
        loop {
            let mails = self.mails();
            if mails.len() >= n || tokio::time::Instant::now() >= end {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn session(stream: TcpStream, shared: Arc<Mutex<Shared>>) -> std::io::Result<()> {
    let behaviour = {
        let mut s = shared.lock().expect("receiver lock");
        s.connections += 1;
        s.behaviour
    };
    if behaviour == Behaviour::Drop {
        return Ok(());
    }
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 motcua-test ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end().to_owned();
        let upper = cmd.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-motcua-test\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if upper.starts_with("RSET") {
            from.clear();
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            if behaviour == Behaviour::TryLater {
                b"451 4.3.0 Try again later\r\n"
            } else {
                from = address_of(&cmd["MAIL FROM:".len()..]);
                b"250 OK\r\n"
            }
        } else if upper.starts_with("RCPT TO:") {
            if behaviour == Behaviour::Refuse {
                b"550 5.1.1 Mailbox unavailable\r\n"
            } else {
                to.push(address_of(&cmd["RCPT TO:".len()..]));
                b"250 OK\r\n"
            }
        } else if upper == "DATA" {
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let mut raw = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                raw.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            let mail = ReceivedMail { from: from.clone(), to: std::mem::take(&mut to), raw };
            shared.lock().expect("receiver lock").mails.push(mail);
            b"250 OK queued\r\n"
        } else if upper == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// `<an@example.vn> BODY=8BITMIME` → `an@example.vn`.
fn address_of(arg: &str) -> String {
    let arg = arg.trim();
    let inner = arg.split_whitespace().next().unwrap_or("");
    inner.trim_start_matches('<').trim_end_matches('>').to_owned()
}
