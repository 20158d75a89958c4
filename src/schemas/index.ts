// Owns the list of named schemas registered once with app.addSchema (they become OpenAPI components).
import { Article, ArticlePage, ArticleSummary, Place, Section, Tag } from './article.js'
import { Headline, HeadlineRail } from './headline.js'
import { ProblemDetails } from './problem.js'
import { NinjsItem } from './ninjs.js'
import { Rights } from './rights.js'
import { JsonFeed, JsonFeedItem } from './feed.js'

export const componentSchemas = [Rights, Section, Tag, Place, ArticleSummary, Article, ArticlePage, Headline, HeadlineRail, ProblemDetails, NinjsItem, JsonFeedItem, JsonFeed]
