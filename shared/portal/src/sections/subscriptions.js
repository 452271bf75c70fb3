section("subscriptions", async (root, { t, api, money, date, el, teller }) => {
  const list = root.querySelector("[data-items]");
  const empty = root.querySelector("[data-empty]");
  const form = root.querySelector("[data-cancel-form]");
  const heading = form.querySelector("[data-cancel-heading]");
  const summary = form.querySelector("[data-cancel-summary]");
  const confirm = form.querySelector('[type="submit"]');
  const message = root.querySelector("[data-message]");
  const ended = ["cancelled", "failed", "expired"];
  let chosen = null;
  let opener = null;

  const say = teller(message);
  const price = (s) => {
    const amount = money(s.amount, s.currency, s.exponent);
    const unit = s.payment_frequency_interval.toLowerCase();
    return s.payment_frequency_count === 1
      ? t(`subscriptions-per-${unit}`, { amount })
      : t(`subscriptions-every-${unit}`, { amount, count: s.payment_frequency_count });
  };
  const when = () => form.elements.when.value;
  const explain = () => {
    summary.textContent =
      when() === "now"
        ? t("subscriptions-now-summary")
        : t("subscriptions-period-end-summary", { date: date(chosen.next_billing_date) });
  };
  const closeForm = () => {
    form.hidden = true;
    chosen = null;
    opener?.setAttribute("aria-expanded", "false");
    opener?.focus();
  };

  const change = async (subscription, body, done) => {
    say(t("subscriptions-saving"));
    const response = await api(`/subscriptions/${encodeURIComponent(subscription.subscription_id)}`, {
      method: "PATCH",
      body,
    });
    if (!response.ok) {
      say(t("error-generic"), "error");
      return;
    }
    form.hidden = true;
    chosen = null;
    await load();
    say(t(done), "ok");
    list.querySelector(`[data-subscription="${subscription.subscription_id}"] button`)?.focus();
  };

  const item = (s) => {
    const facts = [
      [t("subscriptions-status"), t(`subscriptions-status-${s.status}`)],
      [t("subscriptions-price"), price(s)],
    ];
    if (s.status === "cancelled" && s.cancelled_at) {
      facts.push([t("subscriptions-cancelled-on"), date(s.cancelled_at)]);
    } else if (s.cancel_at_next_billing_date) {
      facts.push([t("subscriptions-ends-on"), date(s.next_billing_date)]);
    } else if (!ended.includes(s.status)) {
      facts.push([t("subscriptions-next-billing"), date(s.next_billing_date)]);
    }
    const actions = [];
    if (!ended.includes(s.status) && s.cancel_at_next_billing_date) {
      const withdraw = el("button", { type: "button" }, [t("subscriptions-withdraw")]);
      withdraw.addEventListener("click", () =>
        change(s, { action: "withdraw_cancellation" }, "subscriptions-withdrawn"),
      );
      actions.push(withdraw);
    } else if (!ended.includes(s.status)) {
      const cancel = el("button", { type: "button", "aria-expanded": "false", "aria-controls": form.id }, [
        t("subscriptions-cancel"),
      ]);
      cancel.addEventListener("click", () => {
        opener?.setAttribute("aria-expanded", "false");
        chosen = s;
        opener = cancel;
        cancel.setAttribute("aria-expanded", "true");
        form.reset();
        heading.textContent = t("subscriptions-cancel-heading", { product: s.product_id });
        explain();
        say("");
        row.append(form);
        form.hidden = false;
        heading.focus();
      });
      actions.push(cancel);
    }
    const row = el("li", { class: "item", "data-subscription": s.subscription_id, "data-status": s.status }, [
      el("h3", {}, [s.product_id]),
      el("dl", { class: "facts" }, facts.map(([name, value]) => el("div", {}, [el("dt", {}, [name]), el("dd", {}, [value])]))),
      ...(actions.length ? [el("div", { class: "actions" }, actions)] : []),
    ]);
    return row;
  };

  const load = async () => {
    const response = await api("/subscriptions");
    if (!response.ok) throw new Error(`subscriptions: ${response.status}`);
    const { items } = response.body;
    root.append(form);
    list.replaceChildren(...items.map(item));
    list.hidden = items.length === 0;
    empty.hidden = items.length > 0;
  };

  form.addEventListener("change", explain);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeForm();
  });
  root.querySelector('[data-action="keep"]').addEventListener("click", closeForm);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!chosen) return;
    confirm.disabled = true;
    const body = {
      action: when() === "now" ? "cancel_now" : "cancel_at_period_end",
      ...(form.elements.feedback.value ? { feedback: form.elements.feedback.value } : {}),
      ...(form.elements.comment.value.trim() ? { comment: form.elements.comment.value.trim() } : {}),
    };
    await change(chosen, body, when() === "now" ? "subscriptions-cancelled" : "subscriptions-scheduled");
    confirm.disabled = false;
  });

  await load();
});
