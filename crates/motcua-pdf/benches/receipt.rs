//! One receipt (Mẫu số 01, with its QR code) rendered to PDF, after warm-up.
//! Target: under 200 ms.
//!
//! typst memoises its work, so rendering the very same slip again is mostly a
//! cache hit. The headline figure therefore gives every iteration a receipt
//! with a different dossier code and applicant, as at a real counter; the
//! second one shows the cost of re-rendering an unchanged slip.
//!
//! `cargo bench -p motcua-pdf --bench receipt`

#[path = "../examples/demo_data/mod.rs"]
mod demo_data;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use motcua_pdf::Slip;

fn nth_receipt(n: u64) -> Slip {
    let mut slip = demo_data::receipt();
    if let Slip::Receipt(r) = &mut slip {
        r.common.dossier_code = format!("H11.100-260304-{:04}", n % 10_000);
        r.common.applicant.name = format!("Nguyễn Văn Khách {n}");
        r.lookup_url = format!("https://dichvucong.xuankhanh.example.vn/tra-cuu?ma=H11.100-260304-{n:04}");
    }
    slip
}

fn receipt(c: &mut Criterion) {
    // The first render builds the font book and the standard library.
    nth_receipt(0).render().expect("the demo receipt renders");
    let mut n = 0;
    c.bench_function("render receipt (new data each time)", |b| {
        b.iter_batched(
            || {
                n += 1;
                nth_receipt(n)
            },
            |slip| slip.render().expect("renders"),
            BatchSize::SmallInput,
        )
    });
    let same = nth_receipt(0);
    c.bench_function("render receipt (same slip again)", |b| b.iter(|| black_box(&same).render().expect("renders")));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = receipt
}
criterion_main!(benches);
