'use client'

import { TextInput, useField } from '@payloadcms/ui'
import type { NumberFieldClientComponent } from 'payload'
import { type ChangeEvent, type CSSProperties, useCallback, useEffect, useState } from 'react'

import { currencyName } from './currency-info'
import { exampleAmount, formatMoneyInput, moneyDescription } from './format'
import { isUnreadMoney, parseMoney, type UnreadMoney } from './parse'
import { useFormCurrency } from './use-currency'

/**
 * A money field of the admin (src/fields/minor-units.ts): the stored minor units shown as the
 * amount people write (`4,458.50` for 445850 paisa), typed the same way (`4458.5`, `৳4,458.50`,
 * Bangla digits) and parsed on every change into the integer the form saves. What cannot be
 * read as an amount stays in the box with the reason under it, and the server refuses to save it.
 * Blank is no amount (null). The document's currency (use-currency.ts) decides the decimals
 * and the description ("In taka, e.g. 4458.50"; a field's own description gets "In taka." after it).
 */
export const MoneyField: NumberFieldClientComponent = ({ field, path: pathFromProps, readOnly: readOnlyFromProps }) => {
  const { admin, label, localized, required } = field
  const currency = useFormCurrency()
  // What the person is typing; null shows the stored value, formatted.
  const [typed, setTyped] = useState<null | string>(null)
  const [parseError, setParseError] = useState<null | string>(null)
  const validate = useCallback((value: unknown) => parseError ?? (required && (value === null || value === undefined) ? 'This amount is required.' : true), [parseError, required])
  const { disabled, path, setValue, showError, value: stored } = useField<null | number | UnreadMoney>({ potentiallyStalePath: pathFromProps, validate })
  const value = typeof stored === 'number' ? stored : null
  const readOnly = Boolean(readOnlyFromProps || admin?.readOnly || disabled)

  const read = useCallback(
    (text: string) => {
      if (!text.trim()) {
        setParseError(null)
        if (stored !== null && stored !== undefined) setValue(null)
        return
      }
      const parsed = parseMoney(text, currency)
      setParseError(parsed.ok ? null : parsed.error)
      // Unreadable text goes to the form as typed: the document view saves without validating in
      // the browser, and the server refuses it with the same reason (minorUnits' validate).
      if (parsed.ok ? parsed.minor !== stored : !(isUnreadMoney(stored) && stored.typed === text)) setValue(parsed.ok ? parsed.minor : { typed: text })
    },
    [currency, setValue, stored],
  )
  // The currency changed under a half-typed amount: read it again in the new one.
  useEffect(() => {
    if (typed !== null) read(typed)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the currency changes
  }, [currency])

  const style = { ...(admin?.style ?? {}), ...(admin?.width ? { '--field-width': admin.width } : { flex: '1 1 auto' }) } as CSSProperties
  return (
    // Leaving the box shows the amount as it will be saved (`4458.5` → `4,458.50`), unless it is wrong.
    <div className="money-field" style={style} onBlur={() => parseError === null && setTyped(null)}>
      <TextInput
        path={path}
        label={label}
        localized={localized}
        required={required}
        readOnly={readOnly}
        description={typeof admin?.description === 'string' ? `${admin.description} In ${currencyName(currency)}.` : (admin?.description ?? moneyDescription(currency))}
        placeholder={typeof admin?.placeholder === 'string' ? admin.placeholder : exampleAmount(currency)}
        showError={showError || parseError !== null}
        // The reason in full under the box (Payload's error tooltip cuts long ones); the tooltip stays for the server's errors.
        Error={parseError ? <></> : undefined}
        AfterInput={
          parseError ? (
            <div className="money-field__error" role="alert" style={{ color: 'var(--theme-error-500)', marginTop: 'calc(var(--base) / 4)' }}>
              {parseError}
            </div>
          ) : undefined
        }
        value={typed ?? (isUnreadMoney(stored) ? stored.typed : formatMoneyInput(value, currency))}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          setTyped(e.target.value)
          read(e.target.value)
        }}
      />
    </div>
  )
}
