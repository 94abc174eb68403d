/** The money field's pure pieces (parse, format, currency facts) and its admin components by import-map path. */
export { currencyCode, currencyName, minorDigits } from './currency-info'
export { DEFAULT_MONEY_LOCALE, exampleAmount, formatMoney, formatMoneyInput, minorToDecimal, moneyDescription } from './format'
export { isUnreadMoney, parseMoney, type ParsedMoney, type UnreadMoney } from './parse'

export const MONEY_FIELD_PATH = '/src/fields/money/MoneyField#MoneyField'
export const MONEY_CELL_PATH = '/src/fields/money/MoneyCell#MoneyCell'
