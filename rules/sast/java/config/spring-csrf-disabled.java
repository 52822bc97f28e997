import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

class Security {
    @Bean
    SecurityFilterChain a(HttpSecurity http) throws Exception {
        // ruleid: picket.java.config.spring-csrf-disabled
        http.csrf(AbstractHttpConfigurer::disable);
        // ruleid: picket.java.config.spring-csrf-disabled
        http.csrf(csrf -> csrf.disable());
        // ok: picket.java.config.spring-csrf-disabled
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**"));
        return http.build();
    }

    SecurityFilterChain legacy(HttpSecurity http) throws Exception {
        // ruleid: picket.java.config.spring-csrf-disabled
        http.csrf().disable();
        // ok: picket.java.config.spring-csrf-disabled
        http.headers().frameOptions().deny();
        return http.build();
    }
}
