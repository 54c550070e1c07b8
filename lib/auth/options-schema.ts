/** The zod shape of the auth flags (declared in lib/auth/questions.ts). */
import { z } from "zod";
import { AQ } from "./questions.ts";

const str = () => z.string().optional();

export const AuthOptionsShape = {
  authChoice: str(),
  anthropicApiKey: str(),
  openaiApiKey: str(),
  xaiApiKey: str(),
  opencodeZenApiKey: str(),
  aiGatewayApiKey: str(),
  cloudflareAiGatewayApiKey: str(),
  cloudflareAiGatewayAccountId: str(),
  cloudflareAiGatewayGatewayId: str(),
  syntheticApiKey: str(),
  minimaxApiKey: str(),
  moonshotApiKey: str(),
  kimiCodeApiKey: str(),
  zaiApiKey: str(),
  token: str(),
  tokenProvider: str(),
  tokenProfileId: str(),
  customBaseUrl: str(),
  customModelId: str(),
  customApiKey: str(),
  customProviderId: str(),
  customCompatibility: z.enum(AQ.customCompatibility.choices).optional(),
  model: str(),
  importCredentials: z.boolean().optional(),
};
