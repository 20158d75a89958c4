// Owns the list of named schemas registered once with app.addSchema (they become OpenAPI components).
import { Article, ArticleListItem, ArticlePage, ArticleSummary, Place, Section, Tag } from './article.js'
import { Headline, HeadlineRail } from './headline.js'
import { ProblemDetails } from './problem.js'
import { ArticleCreate, ArticlePatch, ArticleRevision, ArticleRevisionList, HeadlinesReplace } from './article-write.js'
import { NinjsItem } from './ninjs.js'
import { Rights } from './rights.js'
import { JsonFeed, JsonFeedItem } from './feed.js'
import { SectionList, SectionSummary, TagList, TagSummary } from './taxonomy.js'
import { Liveness, Readiness } from './health.js'

export const componentSchemas = [
  Rights, Section, Tag, Place, ArticleSummary, ArticleListItem, Article, ArticlePage, Headline, HeadlineRail,
  SectionSummary, SectionList, TagSummary, TagList, ProblemDetails,
  ArticleCreate, ArticlePatch, ArticleRevision, ArticleRevisionList, HeadlinesReplace,
  NinjsItem, JsonFeedItem, JsonFeed, Liveness, Readiness
]
