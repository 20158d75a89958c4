// Owns the list of named schemas registered once with app.addSchema (they become OpenAPI components).
import { Article, ArticlePage, ArticleSummary, Place, Section, Tag } from './article.js'
import { Headline, HeadlineRail } from './headline.js'
import { ProblemDetails } from './problem.js'
import { ArticleCreate, ArticlePatch, ArticleRevision, ArticleRevisionList, HeadlinesReplace } from './article-write.js'

export const componentSchemas = [Section, Tag, Place, ArticleSummary, Article, ArticlePage, Headline, HeadlineRail, ProblemDetails,
  ArticleCreate, ArticlePatch, ArticleRevision, ArticleRevisionList, HeadlinesReplace]
