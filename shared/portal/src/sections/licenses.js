section("licenses", async (root, { t, api, date, dateTime, el, teller }) => {
  const list = root.querySelector("[data-items]");
  const empty = root.querySelector("[data-empty]");
  const message = root.querySelector("[data-message]");

  const say = teller(message);
  const masked = (key) => "•".repeat(8) + key.slice(-4);
  const used = (k) =>
    k.activations_limit === null
      ? t("licenses-activations-unlimited", { used: k.instances_count })
      : t("licenses-activations-of", { used: k.instances_count, limit: k.activations_limit });

  const copy = async (key) => {
    try {
      await navigator.clipboard.writeText(key);
      say(t("licenses-copied"), "ok");
    } catch {
      say(t("licenses-copy-failed"), "error");
    }
  };

  const devices = (k, count, box, toggle) => {
    const load = async () => {
      const response = await api(`/license-keys/${encodeURIComponent(k.id)}/instances`);
      if (!response.ok) {
        say(t("error-generic"), "error");
        return;
      }
      const { items } = response.body;
      box.replaceChildren(
        items.length
          ? el("ul", { class: "instances" }, items.map((instance) => {
              const remove = el("button", { type: "button", "aria-label": t("licenses-deactivate-named", { name: instance.name || instance.id }) }, [t("licenses-deactivate")]);
              remove.addEventListener("click", async () => {
                remove.disabled = true;
                const answer = await api(
                  `/license-keys/${encodeURIComponent(k.id)}/instances/${encodeURIComponent(instance.id)}`,
                  { method: "DELETE" },
                );
                if (!answer.ok) {
                  remove.disabled = false;
                  say(t("error-generic"), "error");
                  return;
                }
                k.instances_count -= 1;
                count.textContent = used(k);
                say(t("licenses-deactivated", { name: instance.name || instance.id }), "ok");
                await load();
                toggle.focus();
              });
              return el("li", { class: "instance", "data-instance": instance.id }, [
                el("span", {}, [instance.name || instance.id, el("br"), el("span", { class: "muted" }, [t("licenses-activated-on", { date: dateTime(instance.created_at) })])]),
                remove,
              ]);
            }))
          : el("p", { class: "muted" }, [t("licenses-no-devices")]),
      );
    };
    return load;
  };

  const item = (k) => {
    const shown = el("code", { class: "key", "data-key": "" }, [masked(k.key)]);
    const show = el("button", { type: "button", "aria-pressed": "false" }, [t("licenses-show")]);
    show.addEventListener("click", () => {
      const visible = show.getAttribute("aria-pressed") !== "true";
      shown.textContent = visible ? k.key : masked(k.key);
      show.setAttribute("aria-pressed", String(visible));
      show.textContent = t(visible ? "licenses-hide" : "licenses-show");
    });
    const copyButton = el("button", { type: "button" }, [t("licenses-copy")]);
    copyButton.addEventListener("click", () => copy(k.key));
    const count = el("span", {}, [used(k)]);
    const box = el("div", { id: `devices-${k.id}`, hidden: "" });
    const toggle = el("button", { type: "button", "aria-expanded": "false", "aria-controls": box.id }, [t("licenses-devices")]);
    const load = devices(k, count, box, toggle);
    toggle.addEventListener("click", async () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      box.hidden = !open;
      if (open) {
        box.replaceChildren(el("p", { class: "muted" }, [t("portal-loading")]));
        await load();
      }
    });
    const facts = [
      [t("licenses-key"), el("span", { class: "key-line" }, [shown, show, copyButton])],
      [t("licenses-status"), t(`licenses-status-${k.status}`)],
      [t("licenses-expires"), k.expires_at ? date(k.expires_at) : t("licenses-never")],
      [t("licenses-activations"), count],
    ];
    return el("li", { class: "item", "data-license": k.id }, [
      el("h3", {}, [k.product_id]),
      el("dl", { class: "facts" }, facts.map(([name, value]) => el("div", {}, [el("dt", {}, [name]), el("dd", {}, [value])]))),
      el("div", { class: "actions" }, [toggle]),
      box,
    ]);
  };

  const response = await api("/license-keys");
  if (!response.ok) throw new Error(`licenses: ${response.status}`);
  const { items } = response.body;
  list.replaceChildren(...items.map(item));
  list.hidden = items.length === 0;
  empty.hidden = items.length > 0;
});
