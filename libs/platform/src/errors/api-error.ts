/** One problem with one field of a request, as reported in a 400's `details`. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * An error a client caused (or must know about), with a stable machine-readable `code`.
 * Everything the API answers with a 4xx goes through this shape; see ErrorBody.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Response headers the answer needs, such as a 401's WWW-Authenticate challenge. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(code: string, message: string, details?: unknown): ApiError {
    return new ApiError(400, code, message, details);
  }
  /** 401: no credentials, or credentials that do not check out; `challenge` is the WWW-Authenticate value. */
  static unauthorized(code: string, message: string, challenge: string): ApiError {
    return new ApiError(401, code, message, undefined, { 'www-authenticate': challenge });
  }
  static notFound(code: string, message: string): ApiError {
    return new ApiError(404, code, message);
  }
  static conflict(code: string, message: string, details?: unknown): ApiError {
    return new ApiError(409, code, message, details);
  }
  static preconditionFailed(code: string, message: string, details?: unknown): ApiError {
    return new ApiError(412, code, message, details);
  }
  static unprocessable(code: string, message: string, details?: unknown): ApiError {
    return new ApiError(422, code, message, details);
  }
}

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  correlationId?: string;
}
