import * as vscode from 'vscode';
import { CloudflareClient } from '../api/client';
import type { Credential } from '../api/credentials';
import { RateLimitGate } from '../api/rateLimitGate';
import type { ApiCaller, ApiRequest, ApiResponse, RequestLogEntry } from '../api/types';
import type { z } from 'zod';
import { affectsClientSettings, readClientSettings } from './settings';

/**
 * The extension's one ApiCaller. It rebuilds the underlying client when the base URL, timeout or proxy
 * settings change, keeps one rate-limit gate across rebuilds, and tells listeners about auth failures.
 */
export class ApiClientService implements ApiCaller, vscode.Disposable {
  private client: CloudflareClient | undefined;
  private readonly gate = new RateLimitGate();
  private readonly authFailures = new vscode.EventEmitter<Credential>();
  readonly onAuthFailure = this.authFailures.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly onRequest: (entry: RequestLogEntry) => void, private readonly developmentBaseUrl?: string) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsClientSettings(event)) void this.reset();
    });
  }

  async call<S extends z.ZodType>(credential: Credential, request: ApiRequest<S>): Promise<ApiResponse<z.output<S>>> {
    try {
      return await this.current().call(credential, request);
    } catch (error) {
      if (error instanceof Error && (error as { kind?: string }).kind === 'auth') this.authFailures.fire(credential);
      throw error;
    }
  }

  /** The base URL requests go to now (shown in messages and used for the dashboard link). */
  baseUrl(): string {
    return this.current().baseUrl;
  }

  private current(): CloudflareClient {
    if (!this.client) {
      const settings = readClientSettings(this.developmentBaseUrl);
      this.client = new CloudflareClient({ ...settings, rateLimitGate: this.gate, onRequest: this.onRequest });
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
    this.authFailures.dispose();
    void this.reset();
  }
}
