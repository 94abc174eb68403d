import { Body, Button, Container, Head, Heading, Hr, Html, Img, Preview, Section, Text } from '@react-email/components'
import { render } from '@react-email/render'

import { brandPalette } from '../colors/contrast'

/** What one email says: a heading, paragraphs, at most one button (its link is also in the text part), paragraphs after it. */
export type ShopEmailContent = {
  subject: string
  heading?: string
  paragraphs: string[]
  action?: { label: string; url: string }
  after?: string[]
}

/** Whose email it is: the shop (or the platform, for mail that belongs to no shop). */
export type EmailBrand = {
  name: string
  logoUrl: null | string
  primaryColor: null | string
  footer: null | string
  platformName: string
}

const FALLBACK = { background: '#1f2937', text: '#ffffff' }

/** The button's colours: the brand's primary with its AA text colour (brandPalette), else the platform's dark grey. */
function buttonColours(primary: null | string): { background: string; text: string } {
  if (!primary) return FALLBACK
  const palette = brandPalette(primary)
  return palette.ok ? { background: palette.vars['--brand-primary'], text: palette.vars['--brand-primary-text'] } : FALLBACK
}

function ShopEmail({ brand, content }: { brand: EmailBrand; content: ShopEmailContent }) {
  const colours = buttonColours(brand.primaryColor)
  const text = { color: '#1f2937', fontSize: '15px', lineHeight: '24px', margin: '0 0 14px' }
  return (
    <Html lang="en">
      <Head />
      <Preview>{content.heading ?? content.subject}</Preview>
      <Body style={{ backgroundColor: '#f3f4f6', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', borderRadius: '8px', borderTop: `4px solid ${colours.background}`, maxWidth: '560px', padding: '28px 32px' }}>
          <Section style={{ marginBottom: '20px' }}>
            {brand.logoUrl ? (
              <Img alt={brand.name} height="48" src={brand.logoUrl} style={{ maxHeight: '48px', maxWidth: '200px', objectFit: 'contain' }} />
            ) : (
              <Text style={{ color: colours.background, fontSize: '20px', fontWeight: 700, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          {content.heading ? <Heading style={{ color: '#111827', fontSize: '22px', margin: '0 0 16px' }}>{content.heading}</Heading> : null}
          {content.paragraphs.map((p, i) => (
            <Text key={i} style={text}>
              {p}
            </Text>
          ))}
          {content.action ? (
            <Section style={{ margin: '8px 0 22px' }}>
              <Button href={content.action.url} style={{ backgroundColor: colours.background, borderRadius: '6px', color: colours.text, fontSize: '15px', fontWeight: 600, padding: '12px 20px' }}>
                {content.action.label}
              </Button>
            </Section>
          ) : null}
          {(content.after ?? []).map((p, i) => (
            <Text key={`after-${i}`} style={text}>
              {p}
            </Text>
          ))}
          <Hr style={{ borderColor: '#e5e7eb', margin: '24px 0 12px' }} />
          {brand.footer ? <Text style={{ color: '#4b5563', fontSize: '13px', lineHeight: '20px', margin: '0 0 8px', whiteSpace: 'pre-line' }}>{brand.footer}</Text> : null}
          <Text style={{ color: '#9ca3af', fontSize: '11px', margin: 0 }}>{`Sent with ${brand.platformName}`}</Text>
        </Container>
      </Body>
    </Html>
  )
}

/**
 * The email as HTML (React Email, rendered on the server) and as plain text. The text part is
 * written here rather than derived from the HTML, so its wording is exact and every link stays in
 * it as a bare URL (mail clients without HTML, and scripts reading links out of emails).
 */
export async function renderShopEmail(brand: EmailBrand, content: ShopEmailContent): Promise<{ html: string; text: string }> {
  const html = await render(<ShopEmail brand={brand} content={content} />)
  const blocks = [
    ...(content.heading ? [content.heading] : []),
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    ...(content.after ?? []),
    '--',
    ...(brand.footer ? [brand.footer] : []),
    `Sent with ${brand.platformName}`,
  ]
  return { html, text: blocks.join('\n\n') }
}
