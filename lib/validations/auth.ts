import { z } from "zod";

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
});

export type LoginInput = z.infer<typeof loginSchema>;
