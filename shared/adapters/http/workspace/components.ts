import { classes, type HtmlValue, html, SafeHtml } from './html.ts';

/**
 * GOV.UK Frontend (6.6) and MOJ Frontend (11.1) components as escaping functions. Options follow the
 * Nunjucks macros' parameters (the subset the workspace uses), so test/unit/workspace-components.test.ts
 * renders each govuk-frontend component's own fixtures.json with the same options and compares markup.
 * Text is always escaped; `html` options take SafeHtml only.
 */
type Content = { text: string } | { html: SafeHtml };
const content = (value: Content): HtmlValue => ('html' in value ? value.html : value.text);

export const skipLink = (params: { text: string; href: string }) =>
  html`<a href="${params.href}" class="govuk-skip-link" data-module="govuk-skip-link">${params.text}</a>`;

/** Not GOV.UK's header: the crown and the GOV.UK logotype are for GOV.UK services only. */
export const genericHeader = (params: { logoText: string; homepageUrl?: string }) =>
  html`<div class="govuk-generic-header"><div class="govuk-generic-header__container govuk-width-container"><div class="govuk-generic-header__logo"><a href="${params.homepageUrl ?? '/'}" class="govuk-generic-header__homepage-link">${params.logoText}</a></div></div></div>`;

export interface NavigationItem {
  href: string;
  text: string;
  active?: boolean;
}

export function serviceNavigation(params: { serviceName?: string; serviceUrl?: string; navigation: NavigationItem[] }) {
  const items = params.navigation.map((item) =>
    item.active
      ? html`<li class="govuk-service-navigation__item govuk-service-navigation__item--active"><a class="govuk-service-navigation__link" href="${item.href}" aria-current="true"><strong class="govuk-service-navigation__active-fallback">${item.text}</strong></a></li>`
      : html`<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="${item.href}">${item.text}</a></li>`,
  );
  const inner = html`<div class="govuk-width-container"><div class="govuk-service-navigation__container">${
    params.serviceName
      ? html`<span class="govuk-service-navigation__service-name"><a href="${params.serviceUrl ?? '/'}" class="govuk-service-navigation__link">${params.serviceName}</a></span>`
      : ''
  }<nav aria-label="Menu" class="govuk-service-navigation__wrapper"><button type="button" class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle" aria-controls="navigation" hidden aria-hidden="true">Menu</button><ul class="govuk-service-navigation__list" id="navigation">${items}</ul></nav></div></div>`;
  return params.serviceName
    ? html`<section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">${inner}</section>`
    : html`<div class="govuk-service-navigation" data-module="govuk-service-navigation">${inner}</div>`;
}

export const phaseBanner = (params: { tag: { text: string } } & Content) =>
  html`<div class="govuk-phase-banner govuk-width-container"><p class="govuk-phase-banner__content"><strong class="govuk-tag govuk-phase-banner__content__tag">${params.tag.text}</strong><span class="govuk-phase-banner__text">${content(params)}</span></p></div>`;

export const tag = (params: { text: string; classes?: string }) =>
  html`<strong class="${classes('govuk-tag', params.classes)}">${params.text}</strong>`;

export interface SummaryRow {
  key: { text: string };
  value: Content;
  actions?: { items: { href: string; text: string; visuallyHiddenText?: string }[] };
}

export function summaryList(params: { rows: SummaryRow[]; classes?: string }) {
  const anyActions = params.rows.some((row) => row.actions?.items.length);
  return html`<dl class="${classes('govuk-summary-list', params.classes)}">${params.rows.map((row) => {
    const actions = row.actions?.items ?? [];
    const rowClass = classes(
      'govuk-summary-list__row',
      anyActions && actions.length === 0 && 'govuk-summary-list__row--no-actions',
    );
    return html`<div class="${rowClass}"><dt class="govuk-summary-list__key">${row.key.text}</dt><dd class="govuk-summary-list__value">${content(row.value)}</dd>${
      actions.length
        ? html`<dd class="govuk-summary-list__actions">${actions.map(
            (action) =>
              html`<a class="govuk-link" href="${action.href}">${action.text}${
                action.visuallyHiddenText
                  ? html`<span class="govuk-visually-hidden"> ${action.visuallyHiddenText}</span>`
                  : ''
              }</a>`,
          )}</dd>`
        : ''
    }</div>`;
  })}</dl>`;
}

export function errorSummary(params: { titleText: string; errorList: { text: string; href: string }[] }) {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">${params.titleText}</h2><div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${params.errorList.map(
    (error) => html`<li><a href="${error.href}">${error.text}</a></li>`,
  )}</ul></div></div></div>`;
}

/**
 * `sortValue`: what MOJ's sortable table sorts a cell by (`data-sort-value`), where the words shown do not sort
 * (days in words); `sort`: a heading's order as the rows arrive, or false for a column not worth sorting.
 */
type Cell = Content & {
  format?: 'numeric';
  sortValue?: string | number;
  sort?: 'ascending' | 'descending' | 'none' | false;
};
/**
 * GOV.UK table; `sortable` makes it MOJ's sortable table (progressive enhancement: without JavaScript it is
 * the same table in the order the server chose; with it, each heading becomes a button that sorts).
 */
export function table(params: {
  caption?: string;
  head?: Cell[];
  rows: Cell[][];
  firstCellIsHeader?: boolean;
  sortable?: boolean;
}) {
  const numeric = (cell: Cell, kind: 'header' | 'cell') =>
    classes(`govuk-table__${kind}`, cell.format === 'numeric' && `govuk-table__${kind}--numeric`);
  const sortValue = (cell: Cell) =>
    cell.sortValue === undefined ? '' : html` data-sort-value="${String(cell.sortValue)}"`;
  const ariaSort = (cell: Cell) =>
    params.sortable && cell.sort !== false ? html` aria-sort="${cell.sort ?? 'none'}"` : '';
  return html`<table class="govuk-table"${params.sortable ? html` data-module="moj-sortable-table"` : ''}>${
    params.caption
      ? html`<caption class="govuk-table__caption govuk-table__caption--m">${params.caption}</caption>`
      : ''
  }${
    params.head
      ? html`<thead class="govuk-table__head"><tr class="govuk-table__row">${params.head.map(
          (cell) => html`<th scope="col" class="${numeric(cell, 'header')}"${ariaSort(cell)}>${content(cell)}</th>`,
        )}</tr></thead>`
      : ''
  }<tbody class="govuk-table__body">${params.rows.map(
    (row) =>
      html`<tr class="govuk-table__row">${row.map((cell, index) =>
        index === 0 && params.firstCellIsHeader
          ? html`<th scope="row" class="govuk-table__header"${sortValue(cell)}>${content(cell)}</th>`
          : html`<td class="${numeric(cell, 'cell')}"${sortValue(cell)}>${content(cell)}</td>`,
      )}</tr>`,
  )}</tbody></table>`;
}

/**
 * A table that may be wider than a phone scrolls inside its own region, never the page: the region is
 * named (its caption) and focusable, so keyboard users can scroll it too.
 */
export const regionTable = (params: Parameters<typeof table>[0] & { caption: string }) =>
  html`<div class="app-table-region" role="region" aria-label="${params.caption}" tabindex="0">${table(params)}</div>`;

export const button = (params: { text: string; classes?: string; name?: string; value?: string }) =>
  html`<button type="submit"${params.name ? html` name="${params.name}" value="${params.value ?? ''}"` : ''} class="${classes('govuk-button', params.classes)}" data-module="govuk-button">${params.text}</button>`;

export const warningText = (params: { text: string; iconFallbackText: string }) =>
  html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">${params.iconFallbackText}</span>${params.text}</strong></div>`;

export const insetText = (params: Content) => html`<div class="govuk-inset-text">${content(params)}</div>`;

export const notificationBanner = (params: { text: string; type?: 'success'; titleText?: string }) =>
  params.type === 'success'
    ? html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">${params.titleText ?? 'Success'}</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${params.text}</p></div></div>`
    : html`<div class="govuk-notification-banner" role="region" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">${params.titleText ?? 'Important'}</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${params.text}</p></div></div>`;

export const backLink = (params: { href: string; text?: string }) =>
  html`<a href="${params.href}" class="govuk-back-link">${params.text ?? 'Back'}</a>`;

// Form fields. Each takes the error message of its field, shown above it and linked from the error summary.
interface FieldBase {
  id?: string;
  name: string;
  label: { text: string; classes?: string };
  hint?: { text: string };
  errorMessage?: { text: string } | undefined;
  value?: string;
}

const describedBy = (id: string, field: Pick<FieldBase, 'hint' | 'errorMessage'>) =>
  [field.hint ? `${id}-hint` : '', field.errorMessage ? `${id}-error` : ''].filter(Boolean).join(' ');

const hintAndError = (id: string, field: Pick<FieldBase, 'hint' | 'errorMessage'>) =>
  html`${field.hint ? html`<div id="${id}-hint" class="govuk-hint">${field.hint.text}</div>` : ''}${
    field.errorMessage
      ? html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${field.errorMessage.text}</p>`
      : ''
  }`;

const formGroup = (error: unknown, body: SafeHtml) =>
  html`<div class="${classes('govuk-form-group', Boolean(error) && 'govuk-form-group--error')}">${body}</div>`;

const label = (id: string, field: FieldBase) =>
  html`<label class="${classes('govuk-label', field.label.classes)}" for="${id}">${field.label.text}</label>`;

export function input(
  params: FieldBase & { classes?: string; type?: string; inputmode?: string; spellcheck?: boolean },
) {
  const id = params.id ?? params.name;
  const by = describedBy(id, params);
  return formGroup(
    params.errorMessage,
    html`${label(id, params)}${hintAndError(id, params)}<input class="${classes('govuk-input', params.classes, params.errorMessage && 'govuk-input--error')}" id="${id}" name="${params.name}" type="${params.type ?? 'text'}"${
      params.spellcheck === false ? html` spellcheck="false"` : ''
    }${params.value !== undefined ? html` value="${params.value}"` : ''}${by ? html` aria-describedby="${by}"` : ''}${
      params.inputmode ? html` inputmode="${params.inputmode}"` : ''
    }>`,
  );
}

export function textarea(params: FieldBase & { rows?: number }) {
  const id = params.id ?? params.name;
  const by = describedBy(id, params);
  return formGroup(
    params.errorMessage,
    html`${label(id, params)}${hintAndError(id, params)}<textarea class="${classes('govuk-textarea', params.errorMessage && 'govuk-textarea--error')}" id="${id}" name="${params.name}" rows="${String(params.rows ?? 5)}"${
      by ? html` aria-describedby="${by}"` : ''
    }>${params.value ?? ''}</textarea>`,
  );
}

export function select(params: FieldBase & { items: { value: string; text: string; selected?: boolean }[] }) {
  const id = params.id ?? params.name;
  const by = describedBy(id, params);
  return formGroup(
    params.errorMessage,
    html`${label(id, params)}${hintAndError(id, params)}<select class="${classes('govuk-select', params.errorMessage && 'govuk-select--error')}" id="${id}" name="${params.name}"${
      by ? html` aria-describedby="${by}"` : ''
    }>${params.items.map(
      (item) => html`<option value="${item.value}"${item.selected ? html` selected` : ''}>${item.text}</option>`,
    )}</select>`,
  );
}

interface ChoiceItem {
  value: string;
  text: string;
  hint?: { text: string };
  checked?: boolean;
}
interface Choices {
  idPrefix?: string;
  name: string;
  fieldset: { legend: { text: string; classes?: string } };
  hint?: { text: string };
  errorMessage?: { text: string } | undefined;
  items: ChoiceItem[];
  classes?: string;
}

function choices(kind: 'radios' | 'checkboxes', params: Choices) {
  const prefix = params.idPrefix ?? params.name;
  const by = describedBy(prefix, params);
  const items = params.items.map((item, index) => {
    const id = index === 0 ? prefix : `${prefix}-${index + 1}`;
    return html`<div class="govuk-${kind}__item"><input class="govuk-${kind}__input" id="${id}" name="${params.name}" type="${kind === 'radios' ? 'radio' : 'checkbox'}" value="${item.value}"${
      item.checked ? html` checked` : ''
    }${item.hint ? html` aria-describedby="${id}-item-hint"` : ''}><label class="govuk-label govuk-${kind}__label" for="${id}">${item.text}</label>${
      item.hint ? html`<div id="${id}-item-hint" class="govuk-hint govuk-${kind}__hint">${item.hint.text}</div>` : ''
    }</div>`;
  });
  return formGroup(
    params.errorMessage,
    html`<fieldset class="govuk-fieldset"${by ? html` aria-describedby="${by}"` : ''}><legend class="${classes('govuk-fieldset__legend', params.fieldset.legend.classes)}">${params.fieldset.legend.text}</legend>${hintAndError(prefix, params)}<div class="${classes(`govuk-${kind}`, params.classes)}" data-module="govuk-${kind}">${items}</div></fieldset>`,
  );
}
export const radios = (params: Choices) => choices('radios', params);
export const checkboxes = (params: Choices) => choices('checkboxes', params);

export function dateInput(params: {
  id: string;
  namePrefix?: string;
  fieldset: { legend: { text: string; classes?: string } };
  hint?: { text: string };
  errorMessage?: { text: string } | undefined;
  values?: { day?: string; month?: string; year?: string };
}) {
  const by = describedBy(params.id, params);
  const part = (name: 'day' | 'month' | 'year', text: string, width: number) => {
    const fieldName = params.namePrefix ? `${params.namePrefix}-${name}` : name;
    const value = params.values?.[name];
    return html`<div class="govuk-date-input__item"><div class="govuk-form-group"><label class="govuk-label govuk-date-input__label" for="${params.id}-${name}">${text}</label><input class="${classes('govuk-input govuk-date-input__input', params.errorMessage && 'govuk-input--error', `govuk-input--width-${width}`)}" id="${params.id}-${name}" name="${fieldName}" type="text"${
      value !== undefined ? html` value="${value}"` : ''
    } inputmode="numeric"></div></div>`;
  };
  return formGroup(
    params.errorMessage,
    html`<fieldset class="govuk-fieldset" role="group"${by ? html` aria-describedby="${by}"` : ''}><legend class="${classes('govuk-fieldset__legend', params.fieldset.legend.classes)}">${params.fieldset.legend.text}</legend>${hintAndError(params.id, params)}<div class="govuk-date-input" id="${params.id}">${part('day', 'Day', 2)}${part('month', 'Month', 2)}${part('year', 'Year', 4)}</div></fieldset>`,
  );
}

export const pagination = (params: { previous?: { href: string }; next?: { href: string } }) =>
  html`<nav class="govuk-pagination govuk-pagination--block" aria-label="Pagination">${
    params.previous
      ? html`<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="${params.previous.href}" rel="prev"><span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>`
      : ''
  }${
    params.next
      ? html`<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="${params.next.href}" rel="next"><span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span></a></div>`
      : ''
  }</nav>`;

// MOJ Frontend patterns (their templates: node_modules/@ministryofjustice/frontend/moj/components/*/template.njk).

export const identityBar = (params: { title: SafeHtml; actions?: SafeHtml }) =>
  html`<div class="moj-identity-bar"><div class="moj-identity-bar__container"><div class="moj-identity-bar__details"><span class="moj-identity-bar__title">${params.title}</span></div>${
    params.actions
      ? html`<div class="moj-identity-bar__actions"><div class="moj-identity-bar__menu">${params.actions}</div></div>`
      : ''
  }</div></div>`;

export const subNavigation = (params: { label: string; items: NavigationItem[] }) =>
  html`<nav class="moj-sub-navigation" aria-label="${params.label}"><ul class="moj-sub-navigation__list">${params.items.map(
    (item) =>
      html`<li class="moj-sub-navigation__item"><a class="moj-sub-navigation__link"${item.active ? html` aria-current="page"` : ''} href="${item.href}">${item.text}</a></li>`,
  )}</ul></nav>`;

export interface TimelineItem {
  label: string;
  byline?: string;
  /** ISO instant, and the words people read for it. */
  datetime: { timestamp: string; text: string };
  description: Content;
}

export const timeline = (params: { items: TimelineItem[]; headingLevel?: 2 | 3 }) => {
  const level = String(params.headingLevel ?? 2);
  return html`<div class="moj-timeline">${params.items.map(
    (item) =>
      html`<div class="moj-timeline__item"><div class="moj-timeline__header">${trustedHeading(level, 'open')} class="moj-timeline__title">${item.label}${trustedHeading(level, 'close')}${
        item.byline ? html`<p class="moj-timeline__byline">by ${item.byline}</p>` : ''
      }</div><p class="moj-timeline__date"><time datetime="${item.datetime.timestamp}">${item.datetime.text}</time></p><div class="moj-timeline__description">${content(item.description)}</div></div>`,
  )}</div>`;
};
const trustedHeading = (level: string, part: 'open' | 'close') =>
  new SafeHtml(part === 'open' ? `<h${level === '3' ? '3' : '2'}` : `</h${level === '3' ? '3' : '2'}>`);

export const badge = (params: { text: string; classes?: string }) =>
  html`<span class="${classes('moj-badge', params.classes)}">${params.text}</span>`;

/**
 * MOJ button menu (its template.njk's markup): links as secondary GOV.UK buttons, side by side without
 * JavaScript; with it, one toggle button (`button.text`) that opens them as a menu.
 */
export const buttonMenu = (params: { button?: { text: string }; items: { text: string; href: string }[] }) =>
  html`<div class="moj-button-menu" data-module="moj-button-menu"${params.button ? html` data-button-text="${params.button.text}"` : ''}>${params.items.map(
    (item) =>
      html`<a href="${item.href}" role="button" draggable="false" class="govuk-button moj-button-menu__item govuk-button--secondary" data-module="govuk-button">${item.text}</a>`,
  )}</div>`;
