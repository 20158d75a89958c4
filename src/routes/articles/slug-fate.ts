// Owns how public reads answer a slug that is not a published article's current slug: 301 to the new slug, 410, or 404.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SlugFate } from '../../db/article-writer.js'
import { HttpProblem, notFound } from '../../http/errors.js'

/** Old slugs redirect (301) to the current canonical URL, keeping `suffix` (e.g. /revisions) and the query string. */
export function answerSlugFate (fate: SlugFate, slug: string, request: FastifyRequest, reply: FastifyReply,
  publicUrl: string, suffix = ''): FastifyReply {
  if (fate?.kind === 'gone') throw new HttpProblem(410, `The article "${slug}" has been unpublished`)
  if (fate?.kind !== 'moved') throw notFound(`No article has the slug "${slug}"`)
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
  return reply.redirect(`${publicUrl}/articles/${fate.slug}${suffix}${query}`, 301)
}

export const movedResponse = {
  description: 'The slug was changed: Location holds the article\'s current URL (old slugs keep redirecting). Empty body.',
  headers: { location: { type: 'string', format: 'uri', description: 'Absolute URL at the current slug' } },
  type: 'null'
}
