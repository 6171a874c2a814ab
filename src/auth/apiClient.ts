import * as vscode from 'vscode';
import { CloudflareClient } from '../api/client';
import { CloudflareApiError } from '../api/errors';
import type { Credential } from '../api/credentials';
import { RateLimitGate } from '../api/rateLimitGate';
import { RequestScheduler } from '../api/requestScheduler';
import type { ApiCaller, ApiRequest, ApiResponse, RequestLogEntry } from '../api/types';
import type { z } from 'zod';
import { affectsClientSettings, maxConcurrentRequests, readClientSettings } from '../ui/settings';

/**
 * The extension's one ApiCaller. It rebuilds the underlying client when the base URL, timeout or proxy
 * settings change, keeps one rate-limit gate across rebuilds, and tells listeners about auth failures.
 */
export class ApiClientService implements ApiCaller, vscode.Disposable {
  private client: CloudflareClient | undefined;
  private readonly gate = new RateLimitGate();
  /** One queue for every account and view; it outlives client rebuilds like the gate does. */
  readonly scheduler = new RequestScheduler(maxConcurrentRequests());
  private readonly rejections = new vscode.EventEmitter<Credential>();
  /** Cloudflare answered 401 for this credential: the token itself is not accepted (never a 403, see ApiErrorKind). */
  readonly onCredentialRejected = this.rejections.event;
  private readonly acceptances = new vscode.EventEmitter<Credential>();
  /** A request with this credential succeeded: a "token rejected" state clears itself. */
  readonly onCredentialAccepted = this.acceptances.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly onRequest: (entry: RequestLogEntry) => void, private readonly developmentBaseUrl?: string) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsClientSettings(event)) void this.reset();
      if (event.affectsConfiguration('cloudflareZt.maxConcurrentRequests')) this.scheduler.setLimit(maxConcurrentRequests());
    });
  }

  async call<S extends z.ZodType>(credential: Credential, request: ApiRequest<S>): Promise<ApiResponse<z.output<S>>> {
    try {
      const response = await this.current().call(credential, request);
      this.acceptances.fire(credential);
      return response;
    } catch (error) {
      if (error instanceof CloudflareApiError && error.kind === 'credential') this.rejections.fire(credential);
      throw error;
    }
  }

  forgetAnswers(): void {
    this.client?.forgetAnswers();
  }

  /** The base URL requests go to now (shown in messages and used for the dashboard link). */
  baseUrl(): string {
    return this.current().baseUrl;
  }

  private current(): CloudflareClient {
    if (!this.client) {
      const settings = readClientSettings(this.developmentBaseUrl);
      this.client = new CloudflareClient({ ...settings, rateLimitGate: this.gate, scheduler: this.scheduler, onRequest: this.onRequest });
    }
    return this.client;
  }

  private async reset(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    await old?.close();
  }

  dispose(): void {
    this.subscription.dispose();
    this.rejections.dispose();
    this.acceptances.dispose();
    void this.reset();
  }
}
