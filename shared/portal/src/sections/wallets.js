section("wallets", async (root, { api, money, el }) => {
  const response = await api("/wallets");
  if (!response.ok) throw new Error(`wallets: ${response.status}`);
  const { items } = response.body;
  root.querySelector("[data-wallets]").replaceChildren(
    ...items.map((wallet) =>
      el("li", { class: "wallet", "data-currency": wallet.currency }, [
        el("span", { class: "currency" }, [wallet.currency]),
        el("strong", { class: "amount" }, [money(wallet.balance, wallet.currency, wallet.exponent)]),
      ]),
    ),
  );
  root.querySelector("[data-empty]").hidden = items.length > 0;
});
