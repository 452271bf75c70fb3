//! Render time per PDF: renders a two-line invoice and a 50-line one (billing's most) many
//! times each and prints the means; writes the first for a look
//! (`cargo run -p invoices --example render_time [-- OUT.pdf]`).

use invoices::document::{BilledTo, Detail, DocumentKind, InvoiceDocument, LineItem};
use platform::money::Currency;
use std::time::Instant;

const RUNS: u32 = 200;

fn main() {
    let document = InvoiceDocument {
        kind: DocumentKind::Invoice,
        number: "INV-pay_7b1f2c9d0e4a4f3b".into(),
        issued_at: "2026-11-28T10:15:00.000000Z".into(),
        business_name: "Atelier Lumière GmbH".into(),
        customer: BilledTo {
            name: "Анна Иванова-Łukasiewicz".into(),
            email: "anna.ivanova@example.com".into(),
            address: vec![
                "Friedrichstraße 12".into(),
                "10117 Berlin".into(),
                "DE".into(),
            ],
        },
        details: vec![
            Detail {
                label: "Payment ID",
                value: "pay_7b1f2c9d0e4a4f3b".into(),
            },
            Detail {
                label: "Payment method",
                value: "Card · Visa ending 4242".into(),
            },
        ],
        currency: Currency {
            code: "INR".parse().expect("a currency code"),
            exponent: 2,
        },
        lines: vec![
            LineItem {
                name: "Pro plan (annual)".into(),
                description: Some("12 months of the Pro plan, 5 seats, priority support".into()),
                quantity: Some(1),
                amount_minor: 123_456_700,
                tax_minor: Some(22_222_206),
            },
            LineItem {
                name: "Onboarding session".into(),
                description: None,
                quantity: Some(2),
                amount_minor: 1_500_000,
                tax_minor: Some(270_000),
            },
        ],
        subtotal_minor: 124_956_700,
        tax_minor: 22_492_206,
        total_minor: 147_448_906,
        note: None,
    };
    let mut long = document.clone();
    long.lines = (1..=50)
        .map(|i| LineItem {
            name: format!("Usage block {i}"),
            ..document.lines[0].clone()
        })
        .collect();
    // The first document also reads the font's character table (once per process).
    let started = Instant::now();
    invoices::render::render(&document);
    println!("first document: {:?}", started.elapsed());
    let pdf = measure("2 lines", &document);
    measure("50 lines", &long);
    if let Some(out) = std::env::args().nth(1) {
        std::fs::write(&out, &pdf).expect("the output path is writable");
    }
}

fn measure(label: &str, document: &InvoiceDocument) -> Vec<u8> {
    let started = Instant::now();
    let mut pdf = Vec::new();
    for _ in 0..RUNS {
        pdf = invoices::render::render(document);
    }
    let per_pdf = started.elapsed() / RUNS;
    println!(
        "{label}: {} bytes, {per_pdf:?} per PDF ({RUNS} runs)",
        pdf.len()
    );
    pdf
}
