section("profile", async (root, { t, api, teller }) => {
  const fields = ["name", "email", "phone_number"];
  const view = root.querySelector("[data-view]");
  const viewActions = root.querySelector("[data-view-actions]");
  const editButton = root.querySelector('[data-action="edit"]');
  const form = root.querySelector("[data-form]");
  const submit = form.querySelector('[type="submit"]');
  const message = root.querySelector("[data-message]");
  let profile;

  const say = teller(message);
  const show = (value) => {
    profile = value;
    for (const field of fields) {
      const cell = view.querySelector(`[data-field="${field}"]`);
      cell.textContent = value[field] || t("profile-none");
      cell.classList.toggle("muted", !value[field]);
    }
  };
  const editing = (on) => {
    form.hidden = !on;
    view.hidden = on;
    viewActions.hidden = on;
  };

  editButton.addEventListener("click", () => {
    for (const field of fields) form.elements[field].value = profile[field] || "";
    say("");
    editing(true);
    form.elements.name.focus();
  });
  root.querySelector('[data-action="cancel"]').addEventListener("click", () => {
    say("");
    editing(false);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const change = {};
    for (const field of fields) change[field] = form.elements[field].value.trim();
    submit.disabled = true;
    say(t("profile-saving"));
    const response = await api("/profile", { method: "PATCH", body: change });
    submit.disabled = false;
    if (response.ok) {
      show(response.body);
      editing(false);
      if (response.body.pending_email) {
        say(t("profile-email-pending", { email: response.body.pending_email }), "ok");
      } else {
        say(t("profile-saved"), "ok");
      }
    } else if (response.status === 422 && fields.includes(response.body.field)) {
      say(t(`profile-invalid-${response.body.field}`), "error");
      form.elements[response.body.field].focus();
    } else {
      say(t("error-generic"), "error");
    }
  });

  const response = await api("/profile");
  if (!response.ok) throw new Error(`profile: ${response.status}`);
  show(response.body);
  editButton.disabled = false;
});
