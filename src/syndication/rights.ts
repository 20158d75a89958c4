// Owns the rights statement (copyright holder, usage terms, licence link) put on every syndicated representation.

export interface RightsConfig {
  /** Person or organisation claiming the copyright; also the Atom feed author when the data names none. */
  copyrightHolder: string
  /** Natural-language usage terms. */
  usageTerms: string
  /** Link to the licence or syndication terms; null when none is configured. */
  licenseUrl: string | null
}

/**
 * Defaults claim nothing beyond the law's default: the publisher (this service, "Newsdesk") holds the copyright and
 * reserves all rights. Configure RIGHTS_HOLDER / RIGHTS_USAGE_TERMS / RIGHTS_LICENSE_URL for a real deployment.
 */
export const DEFAULT_RIGHTS: RightsConfig = {
  copyrightHolder: 'Newsdesk',
  usageTerms: 'All rights reserved. Republication requires the copyright holder\'s permission.',
  licenseUrl: null
}

/** One line for formats with a single free-text rights field (Atom rights, RSS copyright). */
export function rightsStatement (rights: RightsConfig): string {
  const licence = rights.licenseUrl === null ? '' : ` Licence: ${rights.licenseUrl}`
  return `© ${rights.copyrightHolder}. ${rights.usageTerms}${licence}`
}
