section("ledger", async (root, { t, api, money, dateTime, el, paged }) => {
  const pageSize = 10;

  const row = (entry) =>
    el("tr", {}, [
      el("td", {}, [dateTime(entry.created_at)]),
      el("td", {}, [
        t(`ledger-event-${entry.event_type}`),
        ...(entry.reason ? [el("br"), el("span", { class: "muted" }, [entry.reason])] : []),
      ]),
      el("td", { class: `number ${entry.amount > 0 ? "credit" : ""}` }, [
        money(entry.amount, entry.currency, entry.exponent, true),
      ]),
      el("td", { class: "number" }, [money(entry.balance_after, entry.currency, entry.exponent)]),
    ]);

  await paged(root, async (number) => {
    const response = await api(`/ledger?page_number=${number}&page_size=${pageSize}`);
    if (!response.ok) throw new Error(`ledger: ${response.status}`);
    return { rows: response.body.items.map(row), hasMore: response.body.has_more };
  });
});
