// Owns the typed HTTP errors the app throws; the problem-details plugin turns them into RFC 9457 documents.

export class HttpProblem extends Error {
  override name = 'HttpProblem'
  constructor (
    readonly statusCode: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(detail)
  }
}

export const badRequest = (detail: string): HttpProblem => new HttpProblem(400, detail)
export const notFound = (detail: string): HttpProblem => new HttpProblem(404, detail)
