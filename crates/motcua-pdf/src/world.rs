//! The smallest typst `World`: the templates, one slip's data and the embedded fonts.
//!
//! Everything that does not depend on the slip (the standard library, the
//! fonts and their book, the parsed templates) is built once per process in
//! [`SHARED`]; a [`SlipWorld`] only adds the slip's `data.json` and `qr.svg`.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Liberation Serif 2.1.5 from Debian's fonts-liberation2 (SIL OFL 1.1, see fonts/OFL.txt).
pub(crate) const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The templates, by their virtual path. Each slip template imports `common.typ`.
const TEMPLATES: [(&str, &str); 10] = [
    ("common.typ", include_str!("../templates/common.typ")),
    ("receipt.typ", include_str!("../templates/receipt.typ")),
    ("supplement.typ", include_str!("../templates/supplement.typ")),
    ("refusal.typ", include_str!("../templates/refusal.typ")),
    ("apology.typ", include_str!("../templates/apology.typ")),
    ("handover.typ", include_str!("../templates/handover.typ")),
    ("control.typ", include_str!("../templates/control.typ")),
    ("register.typ", include_str!("../templates/register.typ")),
    ("eform.typ", include_str!("../templates/eform.typ")),
    ("fee_receipt.typ", include_str!("../templates/fee_receipt.typ")),
];

/// The virtual file with the slip's data, read by the templates with `json("data.json")`.
pub(crate) const DATA_FILE: &str = "data.json";
/// The virtual file with the receipt's QR code, read with `image("qr.svg")`.
pub(crate) const QR_FILE: &str = "qr.svg";

pub(crate) struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    templates: Vec<Source>,
    data_id: FileId,
    qr_id: FileId,
}

pub(crate) static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
    assert_eq!(fonts.len(), FONT_FILES.len(), "every embedded font file holds one face");
    let templates = TEMPLATES.iter().map(|(path, text)| Source::new(file_id(path), (*text).to_owned())).collect();
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        templates,
        data_id: file_id(DATA_FILE),
        qr_id: file_id(QR_FILE),
    }
});

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One compilation: the shared parts plus this slip's files.
pub(crate) struct SlipWorld {
    main: FileId,
    data: Bytes,
    qr: Option<Bytes>,
}

impl SlipWorld {
    /// `main` is the slip's template, e.g. "receipt.typ".
    pub(crate) fn new(main: &str, data: Vec<u8>, qr_svg: Option<String>) -> Self {
        let main = file_id(main);
        debug_assert!(SHARED.templates.iter().any(|s| s.id() == main), "unknown template");
        Self { main, data: Bytes::new(data), qr: qr_svg.map(Bytes::from_string) }
    }
}

impl World for SlipWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match SHARED.templates.iter().find(|source| source.id() == id) {
            Some(source) => Ok(source.clone()),
            None if id == SHARED.data_id || id == SHARED.qr_id => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == SHARED.data_id {
            return Ok(self.data.clone());
        }
        if id == SHARED.qr_id {
            return self.qr.clone().ok_or_else(|| not_found(id));
        }
        match SHARED.templates.iter().find(|source| source.id() == id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_owned())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    /// The templates never ask for today's date: every date comes from the data.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
