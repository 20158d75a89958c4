import { test } from 'node:test'
import assert from 'node:assert/strict'
import { slugify, SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../src/content/slug.js'

test('slugify lowercases, folds accents and joins alphanumeric runs with single hyphens', () => {
  assert.equal(slugify("'A part of LA died': Fans mourn NBA legend Kobe Bryant"), 'a-part-of-la-died-fans-mourn-nba-legend-kobe-bryant')
  assert.equal(slugify('Hong Kong: Clashes on anniversary of snack stand dispute'), 'hong-kong-clashes-on-anniversary-of-snack-stand-dispute')
  assert.equal(slugify('Up to 7 million people join 620km human chain in India protest'), 'up-to-7-million-people-join-620km-human-chain-in-india-protest')
  assert.equal(slugify('  Café -- Déjà vu!  '), 'cafe-deja-vu')
  assert.equal(slugify('x'.repeat(200)).length, SLUG_MAX_LENGTH)
})

test('every slugify result matches the slug pattern the API validates', () => {
  const pattern = new RegExp(SLUG_PATTERN)
  for (const title of ['Plane overshoots runway, skids into street in Iran', "Watch: Indigenous Australians hold 'Invasion Day' rally in Melbourne", 'a -'.repeat(80)]) {
    assert.match(slugify(title), pattern)
  }
})
