section("ledger", async (root, { t, api, money, dateTime, el, failed }) => {
  const pageSize = 10;
  const table = root.querySelector(".table-scroll");
  const rows = root.querySelector("[data-rows]");
  const empty = root.querySelector("[data-empty]");
  const pager = root.querySelector("[data-pager]");
  const label = root.querySelector("[data-page]");
  const previous = root.querySelector('[data-action="previous"]');
  const next = root.querySelector('[data-action="next"]');
  let pageNumber = 0;

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

  const load = async (number) => {
    previous.disabled = next.disabled = true;
    const response = await api(`/ledger?page_number=${number}&page_size=${pageSize}`);
    if (!response.ok) throw new Error(`ledger: ${response.status}`);
    const { items, has_more: hasMore } = response.body;
    pageNumber = number;
    rows.replaceChildren(...items.map(row));
    const none = items.length === 0 && number === 0;
    table.hidden = none;
    empty.hidden = !none;
    pager.hidden = number === 0 && !hasMore;
    previous.disabled = number === 0;
    next.disabled = !hasMore;
    label.textContent = t("ledger-page", { n: number + 1 });
  };

  previous.addEventListener("click", () => load(pageNumber - 1).catch(failed(root)));
  next.addEventListener("click", () => load(pageNumber + 1).catch(failed(root)));
  await load(0);
});
