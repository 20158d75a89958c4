// Owns choosing the representation of GET /articles/:slug: `?format=` first, else the Accept header; 406 otherwise.
import { HttpProblem } from '../http/errors.js'
import { negotiateMediaType } from '../http/negotiation.js'
import { NINJS_MEDIA_TYPE } from '../schemas/ninjs.js'

export const ARTICLE_FORMATS = { json: 'application/json', ninjs: NINJS_MEDIA_TYPE } as const
export type ArticleFormat = keyof typeof ARTICLE_FORMATS
const OFFERED = Object.values(ARTICLE_FORMATS)

/** The media type to answer with; throws a 406 problem when the Accept header allows none we produce. */
export function articleMediaType (format: ArticleFormat | undefined, accept: string | undefined): string {
  if (format !== undefined) return ARTICLE_FORMATS[format]
  const chosen = negotiateMediaType(accept, OFFERED)
  if (chosen === undefined) {
    throw new HttpProblem(406, `This article is available as ${OFFERED.join(' or ')}; use the Accept header or ?format=json|ninjs`)
  }
  return chosen
}
