//! Writes the official slips and the register, filled with demo data, as PDF files.
//!
//! `cargo run -p motcua-pdf --example render_slips -- /tmp/slips`

mod demo_data;

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: render_slips OUTPUT_DIR")?);
    std::fs::create_dir_all(&dir)?;
    let mut slips = demo_data::all();
    slips.extend([demo_data::handover(), demo_data::control_sheet()]);
    for slip in slips {
        let started = Instant::now();
        let pdf = slip.render()?;
        let path = dir.join(slip.file_name());
        std::fs::write(&path, &pdf)?;
        println!("{} ({} bytes, {} ms)", path.display(), pdf.len(), started.elapsed().as_millis());
    }
    let register = demo_data::register();
    let path = dir.join(register.file_name("H11.100"));
    std::fs::write(&path, register.render()?)?;
    println!("{}", path.display());
    Ok(())
}
