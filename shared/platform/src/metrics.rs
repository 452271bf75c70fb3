//! Per-request counters, emitted as one CloudWatch Embedded Metric Format line when the
//! request ends (in Lambda only: CloudWatch turns such log lines into metrics, with no
//! API call on the request path).

use std::cell::RefCell;
use std::future::Future;

tokio::task_local! {
    static COUNTERS: RefCell<Counters>;
}

pub const NAMESPACE: &str = "CustomersService";

/// Counter names, each a CloudWatch metric.
pub const LEDGER_ENTRIES: &str = "LedgerEntries";
pub const LEDGER_RETRIES: &str = "LedgerRetries";
pub const LEDGER_CONFLICTS: &str = "LedgerConflicts";
pub const INSUFFICIENT_FUNDS: &str = "InsufficientFunds";

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Counters(Vec<(&'static str, u64)>);

impl Counters {
    fn add(&mut self, name: &'static str, n: u64) {
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some((_, v)) => *v += n,
            None => self.0.push((name, n)),
        }
    }
}

/// Adds to a counter of the current request; outside a request it does nothing.
pub fn count(name: &'static str, n: u64) {
    let _ = COUNTERS.try_with(|c| c.borrow_mut().add(name, n));
}

/// Runs `work` with its own counters and returns them with its output.
pub async fn collect<F: Future>(work: F) -> (F::Output, Counters) {
    COUNTERS
        .scope(RefCell::new(Counters::default()), async move {
            let output = work.await;
            (output, COUNTERS.with(|c| c.borrow().clone()))
        })
        .await
}

/// What one request reports.
pub struct RequestMetrics<'a> {
    pub function: &'a str,
    pub status: u16,
    pub error_code: Option<&'a str>,
    pub duration_ms: u64,
    pub counters: Counters,
}

impl RequestMetrics<'_> {
    /// The EMF document: `Requests`, `Errors` (by `error_code`), `DurationMs` and the counters,
    /// with the function as dimension.
    pub fn to_emf(&self, timestamp_ms: i64) -> serde_json::Value {
        let mut names = vec![("Requests", "Count"), ("DurationMs", "Milliseconds")];
        names.extend(self.counters.0.iter().map(|(name, _)| (*name, "Count")));
        let mut metrics: Vec<serde_json::Value> = names
            .iter()
            .map(|(name, unit)| serde_json::json!({ "Name": name, "Unit": unit }))
            .collect();
        let mut dimensions = vec![serde_json::json!(["function"])];
        let mut doc = serde_json::json!({
            "function": self.function,
            "status": self.status,
            "Requests": 1,
            "DurationMs": self.duration_ms,
        });
        for (name, value) in &self.counters.0 {
            doc[*name] = (*value).into();
        }
        if let Some(code) = self.error_code {
            doc["error_code"] = code.into();
            doc["Errors"] = 1.into();
            metrics.push(serde_json::json!({ "Name": "Errors", "Unit": "Count" }));
            dimensions.push(serde_json::json!(["function", "error_code"]));
        }
        doc["_aws"] = serde_json::json!({
            "Timestamp": timestamp_ms,
            "CloudWatchMetrics": [{ "Namespace": NAMESPACE, "Dimensions": dimensions, "Metrics": metrics }],
        });
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counters_belong_to_their_request() {
        count(LEDGER_ENTRIES, 1); // outside any request: ignored
        let ((), counters) = collect(async {
            count(LEDGER_RETRIES, 1);
            count(LEDGER_RETRIES, 2);
            count(LEDGER_ENTRIES, 1);
        })
        .await;
        assert_eq!(
            counters,
            Counters(vec![(LEDGER_RETRIES, 3), (LEDGER_ENTRIES, 1)])
        );
    }

    #[test]
    fn emf_declares_every_metric_it_carries() {
        let metrics = RequestMetrics {
            function: "create-ledger-entry",
            status: 400,
            error_code: Some("INSUFFICIENT_WALLET_FUNDS"),
            duration_ms: 12,
            counters: Counters(vec![(INSUFFICIENT_FUNDS, 1)]),
        };
        let doc = metrics.to_emf(1_700_000_000_000);
        let declared = &doc["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(declared["Namespace"], NAMESPACE);
        for metric in declared["Metrics"].as_array().unwrap() {
            let name = metric["Name"].as_str().unwrap();
            assert!(doc[name].is_number(), "{name} declared but not present");
        }
        assert_eq!(doc["error_code"], "INSUFFICIENT_WALLET_FUNDS");
        assert_eq!(
            declared["Dimensions"][1],
            serde_json::json!(["function", "error_code"])
        );
    }
}
