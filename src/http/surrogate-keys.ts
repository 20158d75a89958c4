// Owns the names of CDN surrogate keys (Surrogate-Key / Cache-Tag): what a response embeds, so purges can be exact.
//   article:<slug>  every response embedding that article (its page, lists and rails showing it)
//   section:<slug>  every response embedding the section or filtered by it (article pages, lists, /sections)
//   tag:<slug>      every response embedding the tag or filtered by it (article pages, tag lists, /tags)
//   articles        every /articles list page: purge when an article is published, unpublished or re-dated
//   sections, tags  the taxonomy lists: purge when counts change
//   rail:<slug>     a headline rail
export const surrogateKey = {
  article: (slug: string): string => `article:${slug}`,
  section: (slug: string): string => `section:${slug}`,
  tag: (slug: string): string => `tag:${slug}`,
  rail: (slug: string): string => `rail:${slug}`,
  articleLists: 'articles',
  sections: 'sections',
  tags: 'tags'
} as const
