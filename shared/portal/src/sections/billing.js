section("billing", async (root, { t, api, money, date, el, paged }) => {
  const pageSize = 10;
  // Each cell carries its column's heading, which narrow screens show beside it; its
  // content is one element (or nothing, and the cell is hidden there).
  const labels = [...root.querySelectorAll("thead th")].map((th) => th.textContent);
  const row = (attributes, cells) =>
    el("tr", attributes, cells.map(({ content, attributes: cellAttributes }, i) =>
      el("td", { "data-label": labels[i], ...cellAttributes }, content.length ? [el("span", {}, content)] : [])));
  const cell = (content, attributes) => ({ content, attributes });
  const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  // A same-origin link: the browser sends the session cookie, and the server answers
  // the PDF only if the document is this customer's.
  const download = (path, name, text) =>
    el("a", { href: `${data.api}/invoices/${path}`, download: `${name}.pdf` }, [text]);

  const method = (payment) => {
    if (payment.card_last_four) {
      const network = payment.card_network ? capitalized(payment.card_network) : t("billing-method-card");
      return t("billing-card", { network, last_four: payment.card_last_four });
    }
    return payment.payment_method ? capitalized(payment.payment_method) : "";
  };

  const paymentRow = (payment) =>
    row({ "data-payment": payment.payment_id }, [
      cell([date(payment.created_at)], { class: "date" }),
      cell([payment.products.join(", ") || t("billing-payment")]),
      cell([money(payment.total_amount, payment.currency, payment.exponent)], { class: "number" }),
      cell([t(`billing-state-${payment.state}`)]),
      cell([method(payment)]),
      cell(payment.has_invoice
        ? [download(`payments/${payment.payment_id}`, payment.payment_id, t("billing-download-invoice"))]
        : []),
    ]);

  const refundRow = (payment) => (refund) =>
    row({ class: "refund", "data-refund": refund.refund_id }, [
      cell([date(refund.created_at)], { class: "date" }),
      cell([t("billing-refund"), ...(refund.reason ? [el("br"), refund.reason] : [])]),
      cell([money(refund.amount, payment.currency, payment.exponent)], { class: "number" }),
      cell([t(`billing-refund-${refund.status}`)]),
      cell([]),
      cell(refund.has_credit_note
        ? [download(`refunds/${refund.refund_id}`, refund.refund_id, t("billing-download-credit-note"))]
        : []),
    ]);

  await paged(root, async (number) => {
    const response = await api(`/billing?page_number=${number}&page_size=${pageSize}`);
    if (!response.ok) throw new Error(`billing: ${response.status}`);
    const rows = response.body.items.flatMap((payment) => [paymentRow(payment), ...payment.refunds.map(refundRow(payment))]);
    return { rows, hasMore: response.body.has_more };
  });
});
