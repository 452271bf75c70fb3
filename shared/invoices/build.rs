//! Deflates the embedded font once, at build time: every PDF carries it as a
//! `FlateDecode` stream, and the function never links a compressor.

use std::path::PathBuf;

const FONT: &str = "fonts/NotoSans-Invoice.ttf";

fn main() {
    println!("cargo::rerun-if-changed={FONT}");
    let font = std::fs::read(FONT).expect("the committed font subset");
    let deflated = miniz_oxide::deflate::compress_to_vec_zlib(&font, 10);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("font.ttf.zlib"), deflated).expect("OUT_DIR is writable");
}
