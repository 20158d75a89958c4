// Owns the Rights schema: copyright holder, usage terms and licence link, as configured (RIGHTS_* variables).
import { Type, type Static } from 'typebox'
import { DEFAULT_RIGHTS } from '../syndication/rights.js'
import { AbsoluteUrl, Nullable } from './shared.js'

export const Rights = Type.Object({
  copyrightHolder: Type.String({ description: 'Who claims the copyright (RIGHTS_HOLDER)' }),
  usageTerms: Type.String({ description: 'Natural-language usage terms (RIGHTS_USAGE_TERMS)' }),
  licenseUrl: { ...Nullable(AbsoluteUrl), description: 'Licence / syndication terms (RIGHTS_LICENSE_URL); null when not configured' }
}, { $id: 'Rights', title: 'Rights', description: 'Rights that apply to the content, from the server configuration', examples: [DEFAULT_RIGHTS] })
export type Rights = Static<typeof Rights>
