// Tag suggestions for comma-separated tag fields: <input data-autocomplete="/autocomplete/<type>">.
// Without this script the field is plain text and works the same. With it, the field becomes a
// combobox (WAI-ARIA combobox pattern with a listbox popup): typing the last name of the list asks
// the archive for suggestions; arrow keys move through them, Enter or a click picks one (it
// replaces the name being typed and adds ", " for the next), Escape closes the list.
(() => {
  const DEBOUNCE_MS = 150;
  const TERM_MAX = 100;
  let fields = 0;

  /** The name being typed: whatever follows the last comma. */
  function currentName(value) {
    return value.slice(value.lastIndexOf(",") + 1).trim();
  }

  function labelText(input) {
    const label = input.labels?.[0];
    return label ? label.textContent.trim() : "Tags";
  }

  function enhance(input) {
    const source = input.getAttribute("data-autocomplete");
    if (!source) return;
    fields++;
    if (!input.id) input.id = `autocomplete-field-${fields}`;
    const listId = `${input.id}-suggestions`;

    const list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", `${labelText(input)} suggestions`);
    list.hidden = true;

    // Screen readers hear how many suggestions there are without leaving the field.
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    const wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.append(input, list, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    let suggestions = [];
    let active = -1;
    let timer = 0;
    let asked = 0; // the number of the latest request: older answers are dropped
    let controller = null;
    const cache = new Map();

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      const options = list.children;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (i < 0 || !options[i]) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    }

    function render(items) {
      suggestions = items;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.replaceChildren(
        ...items.map((item, i) => {
          const option = document.createElement("li");
          option.id = `${listId}-${i}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.className = item.canonical ? "canonical" : "";
          option.textContent = item.name;
          const uses = document.createElement("span");
          uses.className = "uses";
          uses.textContent = ` (${item.uses.toLocaleString("en-US")})`;
          option.append(uses);
          return option;
        }),
      );
      if (items.length > 0) open();
      else close();
      status.textContent =
        items.length === 0 ? "" : items.length === 1 ? "1 suggestion" : `${items.length} suggestions`;
    }

    async function lookUp(term) {
      const mine = ++asked;
      if (cache.has(term)) {
        render(cache.get(term));
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`${source}?term=${encodeURIComponent(term)}`, {
          headers: { accept: "application/json" },
          credentials: "same-origin",
          signal: controller.signal,
        });
        if (!response.ok) return;
        const items = await response.json();
        if (!Array.isArray(items)) return;
        cache.set(term, items);
        if (mine === asked && document.activeElement === input) render(items);
      } catch {
        // Aborted or offline: the field still takes typed names.
      }
    }

    function choose(i) {
      const item = suggestions[i];
      if (!item) return;
      const value = input.value;
      const comma = value.lastIndexOf(",");
      const before = comma < 0 ? "" : `${value.slice(0, comma + 1).trimEnd()} `;
      input.value = `${before}${item.name}, `;
      input.setSelectionRange(input.value.length, input.value.length);
      asked++; // an answer still on its way is for the name just replaced
      render([]);
      input.focus();
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const term = currentName(input.value);
      if (term.length < 1 || term.length > TERM_MAX) {
        asked++;
        render([]);
        return;
      }
      timer = setTimeout(() => lookUp(term), DEBOUNCE_MS);
    });

    input.addEventListener("keydown", (event) => {
      const count = suggestions.length;
      switch (event.key) {
        case "ArrowDown":
          if (count === 0) return;
          event.preventDefault();
          if (list.hidden) open();
          setActive(active + 1 >= count ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (count === 0) return;
          event.preventDefault();
          if (list.hidden) open();
          setActive(active <= 0 ? count - 1 : active - 1);
          break;
        case "Enter":
          // Enter picks the highlighted suggestion; with none highlighted it submits the form.
          if (!list.hidden && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case "Escape":
          if (!list.hidden) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
      }
    });

    // Keep the focus in the field while the mouse picks an option.
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) choose(Array.prototype.indexOf.call(list.children, option));
    });
    input.addEventListener("blur", close);
  }

  function start() {
    for (const input of document.querySelectorAll("input[data-autocomplete]")) enhance(input);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
